import type { TokenUsage } from "@switchyard/provider-spec";
import { usageOf } from "@switchyard/provider-spec";
import type { TokenEstimator } from "@switchyard/pricing";

/**
 * Usage counted by Switchyard when the provider gave none (a stream cut before its usage
 * chunk, a server that ignores include_usage): the prompt as the model's tokenizer (or the
 * heuristic) counts it, plus the output text actually received. Marked estimated.
 */
export function estimateUsage(estimator: TokenEstimator, inputTokens: number, outputText: string): TokenUsage {
  return usageOf(inputTokens, estimator.countText(outputText), true);
}
