/**
 * One token-usage shape for every provider, so the executor, the ledger and the router price
 * and compare calls without knowing which provider answered. Sub-counts are subsets: cached
 * and cache-creation input are part of `inputTokens`, reasoning is part of `outputTokens`.
 */
export interface TokenUsage {
  readonly inputTokens: number;
  /** Input tokens served from the provider's prompt cache. */
  readonly cachedInputTokens: number;
  /** Input tokens written to the provider's prompt cache. */
  readonly cacheCreationInputTokens: number;
  readonly outputTokens: number;
  /** Reasoning tokens (billed as output). */
  readonly reasoningTokens: number;
  readonly totalTokens: number;
  /** True when Switchyard counted some figures itself because the provider gave none. */
  readonly estimated: boolean;
}

/** Usage from plain input and output counts (providers that report nothing else). */
export function usageOf(inputTokens: number, outputTokens: number, estimated = false): TokenUsage {
  return {
    inputTokens,
    cachedInputTokens: 0,
    cacheCreationInputTokens: 0,
    outputTokens,
    reasoningTokens: 0,
    totalTokens: inputTokens + outputTokens,
    estimated,
  };
}
