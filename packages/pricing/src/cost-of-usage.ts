import type { TokenUsage } from "@switchyard/provider-spec";
import type { ModelPrice } from "./model-price.js";
import { ratesFor } from "./model-price.js";

type BilledCounts = Pick<TokenUsage, "inputTokens" | "cachedInputTokens" | "cacheCreationInputTokens" | "outputTokens">;

/**
 * Exact cost of a call in nano-USD: uncached input, cached input, cache writes and output each
 * at their own rate (long-context tier chosen by input size), summed, then rounded up once so
 * a call is never billed below its price. Reasoning tokens are part of output and are not
 * charged twice.
 */
export function costOfUsage(usage: BilledCounts, price: ModelPrice): bigint {
  const rates = ratesFor(price, usage.inputTokens);
  const uncachedInput = Math.max(0, usage.inputTokens - usage.cachedInputTokens - usage.cacheCreationInputTokens);
  const nanoUsdTimesMillion =
    BigInt(uncachedInput) * rates.inputPerMillion +
    BigInt(usage.cachedInputTokens) * rates.cachedInputPerMillion +
    BigInt(usage.cacheCreationInputTokens) * rates.cacheWritePerMillion +
    BigInt(usage.outputTokens) * rates.outputPerMillion;
  return (nanoUsdTimesMillion + 999_999n) / 1_000_000n;
}
