import { describe, expect, it } from "vitest";
import { toOllamaProviderError } from "./ollama-error.js";

const live = new AbortController().signal;
const responseError = (message: string, status: number) => Object.assign(new Error(message), { status_code: status });

describe("toOllamaProviderError", () => {
  it("classifies HTTP errors by status and keeps Ollama's message", () => {
    expect(toOllamaProviderError(responseError('model "x" not found, try pulling it first', 404), "ollama", live)).toMatchObject({
      kind: "not_found",
      status: 404,
      isRetryable: false,
    });
    expect(toOllamaProviderError(responseError("server busy", 503), "ollama", live)).toMatchObject({ kind: "unavailable", isRetryable: true });
  });

  it("calls an abort a cancellation, a bad line malformed, a refused connection unavailable", () => {
    const aborted = new AbortController();
    aborted.abort();
    expect(toOllamaProviderError(new Error("x"), "ollama", aborted.signal).kind).toBe("cancelled");
    expect(toOllamaProviderError(new SyntaxError("Unexpected token"), "ollama", live).kind).toBe("malformed_response");
    expect(toOllamaProviderError(new TypeError("fetch failed"), "ollama", live).kind).toBe("unavailable");
  });
});
