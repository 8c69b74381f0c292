import { costOfUsage } from "@switchyard/pricing";
import type { ModelPrice } from "@switchyard/pricing";
import type { Usage } from "@switchyard/contracts/switchyard/v1/common_pb";

/** The model every answered request is priced at for the savings column, and its price. */
export interface BaselinePrice {
  readonly model: string;
  readonly price: ModelPrice;
}

/** What `usage` would have cost at the baseline price, priced exactly as the executor bills. */
export function baselineCost(usage: Usage | undefined, baseline: BaselinePrice): bigint {
  if (!usage) return 0n;
  return costOfUsage(
    {
      inputTokens: Number(usage.inputTokens),
      cachedInputTokens: Number(usage.cachedInputTokens),
      cacheCreationInputTokens: Number(usage.cacheCreationInputTokens),
      outputTokens: Number(usage.outputTokens),
    },
    baseline.price,
  );
}
