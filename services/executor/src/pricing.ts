import { costOfTokens } from "@switchyard/runtime";
import type { NormalizedUsage } from "./providers/provider-adapter.js";

/** A model's price in nano-USD per million tokens. */
export interface ModelPrice {
  readonly inputPerMillion: bigint;
  readonly cachedInputPerMillion: bigint;
  readonly outputPerMillion: bigint;
  /** Where the figures come from ("config", "catalog", ...). */
  readonly source: string;
}

/**
 * Cost of one call: uncached input, cached input and output each at their own rate, rounded up
 * to the nano-USD. Reasoning tokens are part of output tokens and are not charged twice.
 */
export function costOfUsage(usage: NormalizedUsage, price: ModelPrice): bigint {
  const uncachedInput = Math.max(0, usage.inputTokens - usage.cachedInputTokens);
  return (
    costOfTokens(uncachedInput, price.inputPerMillion) +
    costOfTokens(usage.cachedInputTokens, price.cachedInputPerMillion) +
    costOfTokens(usage.outputTokens, price.outputPerMillion)
  );
}
