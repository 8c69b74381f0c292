import { describe, expect, it } from "vitest";
import { openAiChunkSchema, openAiCompletionSchema } from "./openai-api.js";

describe("OpenAI response schemas", () => {
  it("read a completion with usage details, and a usage-only stream chunk", () => {
    const completion = openAiCompletionSchema.parse({
      id: "x",
      choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop", logprobs: null }],
      usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6, prompt_tokens_details: { cached_tokens: 2 } },
    });
    expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(2);
    expect(openAiChunkSchema.parse({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 1 } }).usage?.completion_tokens).toBe(1);
  });

  it("refuse a completion without choices, or with counts that are not counts", () => {
    expect(openAiCompletionSchema.safeParse({ choices: [] }).success).toBe(false);
    expect(openAiChunkSchema.safeParse({ choices: [], usage: { prompt_tokens: -1, completion_tokens: 1 } }).success).toBe(false);
  });
});
