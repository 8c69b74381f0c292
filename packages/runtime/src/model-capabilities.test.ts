import { describe, expect, it } from "vitest";
import { resolveModelCapabilities } from "./model-capabilities.js";

describe("resolveModelCapabilities", () => {
  it("infers reasoning models from o-series and gpt-5 ids, with or without a vendor prefix", () => {
    const reasoning = ["o1", "o3-mini", "o4-mini", "openai/o3", "gpt-5", "gpt-5-mini", "o1-2024-12-17"].map((id) => resolveModelCapabilities(id).reasoning);
    expect(reasoning).toEqual([true, true, true, true, true, true, true]);
    const plain = ["gpt-4o-mini", "llama3.2", "claude-sonnet-4-5", "gemini-2.5-flash", "omni-moderation"].map((id) => resolveModelCapabilities(id).reasoning);
    expect(plain).toEqual([false, false, false, false, false]);
  });

  it("infers vision from known families and lets the configuration decide every field", () => {
    expect(resolveModelCapabilities("gpt-4o-mini")).toEqual({ vision: true, tools: true, jsonSchema: true, reasoning: false });
    expect(resolveModelCapabilities("llama3.1:8b").vision).toBe(false);
    expect(resolveModelCapabilities("gpt-4o-mini", { vision: false, tools: false, jsonSchema: false, reasoning: true })).toEqual({
      vision: false,
      tools: false,
      jsonSchema: false,
      reasoning: true,
    });
  });
});
