import { APIError, APIUserAbortError } from "openai";
import { describe, expect, it } from "vitest";
import { toOpenAiProviderError } from "./openai-error.js";

const live = new AbortController().signal;
const apiError = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: body }, undefined, new Headers(headers));

describe("toOpenAiProviderError", () => {
  it("keeps the provider's message, status, headers and Retry-After of an HTTP error", () => {
    const error = toOpenAiProviderError(
      apiError(429, { message: "Slow down", code: "rate_limit_exceeded" }, { "retry-after-ms": "1500", "x-request-id": "r1" }),
      "openai",
      live,
    );
    expect(error).toMatchObject({ kind: "rate_limited", message: "Slow down", status: 429, retryAfterMs: 1500, isRetryable: true });
    expect(error.responseHeaders["x-request-id"]).toBe("r1");
  });

  it("recognises context-length refusals by code or wording", () => {
    expect(toOpenAiProviderError(apiError(400, { message: "too big", code: "context_length_exceeded" }), "openai", live).kind).toBe("context_length");
    expect(toOpenAiProviderError(apiError(400, { message: "This model's maximum context length is 8192 tokens" }), "gemini", live).kind).toBe("context_length");
    expect(toOpenAiProviderError(apiError(400, { message: "bad temperature" }), "openai", live)).toMatchObject({ kind: "bad_request", isRetryable: false });
  });

  it("calls an abort a cancellation, a bad chunk malformed, a dropped connection unavailable", () => {
    const aborted = new AbortController();
    aborted.abort();
    expect(toOpenAiProviderError(new Error("whatever"), "openai", aborted.signal).kind).toBe("cancelled");
    expect(toOpenAiProviderError(new APIUserAbortError(), "openai", live).kind).toBe("cancelled");
    expect(toOpenAiProviderError(new SyntaxError("Unexpected end of JSON input"), "openai", live).kind).toBe("malformed_response");
    expect(toOpenAiProviderError(new TypeError("terminated"), "openai", live)).toMatchObject({ kind: "unavailable", isRetryable: true });
  });
});
