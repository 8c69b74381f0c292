import type { TokenUsage } from "@switchyard/provider-spec";
import type { CountableMessage } from "./token-estimator.js";
import type { ResolvedSwitchyardConfig } from "@switchyard/runtime";
import { costOfUsage } from "./cost-of-usage.js";
import type { ModelPrice } from "./model-price.js";
import { createGenaiPriceCatalog } from "./price-catalog.js";
import type { PriceCatalog } from "./price-catalog.js";
import { resolveModelPrices } from "./resolve-model-price.js";
import type { TokenEstimator } from "./token-estimator.js";
import { loadTokenEstimator } from "./token-estimator.js";
import { tokenizerForModel } from "./tokenizer-kind.js";

/** An estimate made before a call, for budget reservations and token-per-minute limits. */
export interface CallEstimate {
  readonly inputTokens: number;
  /** The output the estimate allows for: the call's max_output_tokens, else what fits the window. */
  readonly maxOutputTokens: number;
  /** Cost if the model writes `maxOutputTokens`: the most the call can cost (cache hits aside). */
  readonly maxCostNanoUsd: bigint;
}

/** Prices and tokenizers of every configured model, for any service that needs them. */
export interface ModelPricing {
  /** Models this table prices. */
  readonly models: readonly string[];
  /** Throws for a model that is not configured. */
  price(model: string): ModelPrice;
  estimator(model: string): TokenEstimator;
  /** Estimated input and worst-case cost of a call before it is made. */
  estimate(model: string, messages: readonly CountableMessage[], maxOutputTokens?: number): CallEstimate;
  /** Exact cost of usage the provider reported (or the executor estimated). */
  costOf(model: string, usage: TokenUsage): bigint;
}

/** Options of loadModelPricing; tests pass their own catalog and date. */
export interface ModelPricingOptions {
  readonly catalog?: PriceCatalog;
  readonly at?: Date;
}

/**
 * Resolves every model's price (catalog + config overrides; an unpriced model throws a
 * ConfigError) and loads the tokenizers they need. The router calls `estimate` for its
 * reservations, the executor for its TPM limits, the selector for its cost predictions, so all
 * three agree on the same figures.
 */
export async function loadModelPricing(config: ResolvedSwitchyardConfig, options: ModelPricingOptions = {}): Promise<ModelPricing> {
  const prices = resolveModelPrices(config, { catalog: options.catalog ?? createGenaiPriceCatalog(), at: options.at ?? new Date() });
  const contextWindows = new Map(Object.entries(config.models).map(([name, model]) => [name, model.contextWindow]));
  const estimators = new Map<string, TokenEstimator>();
  for (const [name, model] of Object.entries(config.models)) {
    estimators.set(name, await loadTokenEstimator(tokenizerForModel(model.providerModel ?? name, model.tokenizer)));
  }
  const known = <T>(table: ReadonlyMap<string, T>, model: string): T => {
    const value = table.get(model);
    if (value === undefined) throw new RangeError(`model "${model}" is not configured`);
    return value;
  };
  return {
    models: [...prices.keys()],
    price: (model) => known(prices, model),
    estimator: (model) => known(estimators, model),
    estimate(model, messages, maxOutputTokens) {
      const inputTokens = known(estimators, model).countMessages(messages);
      const output = maxOutputTokens ?? Math.max(0, known(contextWindows, model) - inputTokens);
      const maxCostNanoUsd = costOfUsage({ inputTokens, cachedInputTokens: 0, cacheCreationInputTokens: 0, outputTokens: output }, known(prices, model));
      return { inputTokens, maxOutputTokens: output, maxCostNanoUsd };
    },
    costOf: (model, usage) => costOfUsage(usage, known(prices, model)),
  };
}
