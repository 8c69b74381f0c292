import { describe, expect, it } from "vitest";
import { openAiProviderOptionsSchema } from "./openai-options.js";

describe("openAiProviderOptionsSchema", () => {
  it("checks the fields it knows and passes vendor fields through (OpenRouter routing, vLLM guided decoding)", () => {
    const options = { reasoning_effort: "low", provider: { order: ["together"] }, guided_json: { type: "object" } };
    expect(openAiProviderOptionsSchema.parse(options)).toEqual(options);
    expect(openAiProviderOptionsSchema.safeParse({ reasoning_effort: "extreme" }).success).toBe(false);
    expect(openAiProviderOptionsSchema.safeParse({ top_logprobs: 50 }).success).toBe(false);
  });

  it("refuses fields the executor sets itself", () => {
    const result = openAiProviderOptionsSchema.safeParse({ model: "other", stream: true });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["model", "stream"]);
  });
});
