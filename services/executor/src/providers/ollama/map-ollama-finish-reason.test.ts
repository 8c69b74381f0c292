import { describe, expect, it } from "vitest";
import { mapOllamaFinishReason } from "./map-ollama-finish-reason.js";

describe("mapOllamaFinishReason", () => {
  it("maps Ollama's done reasons", () => {
    expect(["stop", "length", "", undefined, "load"].map((reason) => mapOllamaFinishReason(reason))).toEqual(["stop", "length", "unknown", "unknown", "other"]);
  });

  it("calls a stop with tool calls TOOL_CALLS, and keeps a cut-off one a length stop", () => {
    expect(mapOllamaFinishReason("stop", true)).toBe("tool-calls");
    expect(mapOllamaFinishReason("length", true)).toBe("length");
  });
});
