import { describe, expect, it } from "vitest";
import { convertOpenAiUsage } from "./convert-openai-usage.js";

describe("convertOpenAiUsage", () => {
  it("keeps cached and reasoning sub-counts and fills a missing total", () => {
    expect(
      convertOpenAiUsage({
        prompt_tokens: 10,
        completion_tokens: 4,
        prompt_tokens_details: { cached_tokens: 6 },
        completion_tokens_details: { reasoning_tokens: 3 },
      }),
    ).toEqual({
      inputTokens: 10,
      cachedInputTokens: 6,
      cacheCreationInputTokens: 0,
      outputTokens: 4,
      reasoningTokens: 3,
      totalTokens: 14,
      estimated: false,
    });
  });
});
