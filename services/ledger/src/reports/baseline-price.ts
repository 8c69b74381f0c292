import { costOfTokens } from "@switchyard/runtime";
import type { ModelConfig } from "@switchyard/runtime";
import type { Usage } from "@switchyard/contracts/switchyard/v1/common_pb";

/** A model's configured price in nano-USD per million tokens. */
export interface BaselinePrice {
  readonly model: string;
  readonly inputPerMillion: bigint;
  readonly cachedInputPerMillion: bigint;
  readonly outputPerMillion: bigint;
}

/** The configured price of `model`, or undefined when the model is unknown or has no price. */
export function baselinePriceOf(models: Readonly<Record<string, ModelConfig>>, model: string): BaselinePrice | undefined {
  const price = Object.hasOwn(models, model) ? models[model]?.price : undefined;
  if (!price) return undefined;
  return {
    model, inputPerMillion: price.inputPerMillion, cachedInputPerMillion: price.cachedInputPerMillion ?? price.inputPerMillion,
    outputPerMillion: price.outputPerMillion,
  };
}

/** What `usage` would have cost at the baseline price, priced as the executor prices calls. */
export function baselineCost(usage: Usage | undefined, price: BaselinePrice): bigint {
  if (!usage) return 0n;
  const cached = usage.cachedInputTokens < usage.inputTokens ? usage.cachedInputTokens : usage.inputTokens;
  return costOfTokens(usage.inputTokens - cached, price.inputPerMillion)
    + costOfTokens(cached, price.cachedInputPerMillion)
    + costOfTokens(usage.outputTokens, price.outputPerMillion);
}
