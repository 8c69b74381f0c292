import { describe, expect, it } from "vitest";
import { mapOpenAiFinishReason } from "./map-openai-finish-reason.js";

describe("mapOpenAiFinishReason", () => {
  it("maps OpenAI's reasons, and unknown ones to other", () => {
    expect(["stop", "length", "content_filter", "tool_calls", "function_call", null, "eos"].map(mapOpenAiFinishReason)).toEqual([
      "stop",
      "length",
      "content-filter",
      "tool-calls",
      "tool-calls",
      "unknown",
      "other",
    ]);
  });
});
