import type { TokenUsage } from "@switchyard/provider-spec";
import type { OpenAiUsage } from "./openai-api.js";

/** OpenAI usage (with its optional detail blocks) in the normalised shape. */
export function convertOpenAiUsage(usage: OpenAiUsage): TokenUsage {
  return {
    inputTokens: usage.prompt_tokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    cacheCreationInputTokens: usage.prompt_tokens_details?.cache_write_tokens ?? usage.cache_creation_input_tokens ?? 0,
    outputTokens: usage.completion_tokens,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
    totalTokens: usage.total_tokens || usage.prompt_tokens + usage.completion_tokens,
    estimated: false,
  };
}
