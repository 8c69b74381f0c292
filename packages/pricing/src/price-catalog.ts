import { calcPrice, findProvider } from "@pydantic/genai-prices";
import type { ModelPrice as CatalogModelPrice, Provider } from "@pydantic/genai-prices";
import { parseUsd } from "@switchyard/runtime";
import type { PriceRates, PriceTier } from "./model-price.js";

/** How to find a model in a price catalog. */
export interface CatalogQuery {
  /** The provider's API base URL as configured (matched against the catalog's URL patterns). */
  readonly providerApiUrl: string;
  /** A catalog provider id ("openai", "anthropic", ...) that takes precedence over the URL. */
  readonly providerId?: string;
  /** The provider's model id. */
  readonly modelId: string;
  /** Prices in force at this time (catalogs record price changes by date). */
  readonly at: Date;
}

/** A catalog's price for one model, in nano-USD per million tokens. */
export interface CatalogEntry extends PriceRates {
  /** "provider/model" as the catalog names it. */
  readonly id: string;
  readonly tiers: readonly PriceTier[];
  readonly contextWindow?: number;
}

/** A maintained source of model prices. */
export interface PriceCatalog {
  /** The model's price, or undefined when the catalog does not know the provider or the model. */
  lookup(query: CatalogQuery): CatalogEntry | undefined;
}

/**
 * The price catalog of `@pydantic/genai-prices` (a maintained, dated data set covering
 * OpenAI, Anthropic, Google, OpenRouter and others, with cache and long-context prices).
 * Its data is the version shipped in the package: Switchyard never fetches price updates at
 * run time, so a deployment's prices change only with a reviewed upgrade or a config override.
 * A provider is recognised only by its URL or an explicit id, never guessed from the model
 * name, so a self-hosted "gpt-4o" on a local URL is not billed at OpenAI's price.
 */
export function createGenaiPriceCatalog(): PriceCatalog {
  return {
    lookup(query) {
      const provider = findProvider(query.providerId ? { providerId: query.providerId } : { providerApiUrl: query.providerApiUrl });
      if (!provider) return undefined;
      const found = calcPrice({}, query.modelId, { provider, timestamp: query.at });
      if (!found) return undefined;
      return toEntry(provider, found.model.id, found.model_price, found.model.context_window);
    },
  };
}

type CatalogRateKey = "input_mtok" | "cache_read_mtok" | "cache_write_mtok" | "output_mtok";

function toEntry(provider: Provider, modelId: string, prices: CatalogModelPrice, contextWindow: number | undefined): CatalogEntry | undefined {
  if (prices["input_mtok"] === undefined || prices["output_mtok"] === undefined) return undefined;
  const thresholds = [
    ...new Set((["input_mtok", "cache_read_mtok", "cache_write_mtok", "output_mtok"] as const).flatMap((key) => tierStarts(prices[key]))),
  ].sort((a, b) => a - b);
  return {
    id: `${provider.id}/${modelId}`,
    ...ratesAt(prices, -1),
    tiers: thresholds.map((start) => ({ aboveInputTokens: start, ...ratesAt(prices, start) })),
    ...(contextWindow !== undefined ? { contextWindow } : {}),
  };
}

function ratesAt(prices: CatalogModelPrice, inputAbove: number): PriceRates {
  const input = rateAt(prices["input_mtok"], inputAbove) ?? 0n;
  return {
    inputPerMillion: input,
    cachedInputPerMillion: rateAt(prices["cache_read_mtok"], inputAbove) ?? input,
    cacheWritePerMillion: rateAt(prices["cache_write_mtok"], inputAbove) ?? input,
    outputPerMillion: rateAt(prices["output_mtok"], inputAbove) ?? 0n,
  };
}

type CatalogRate = CatalogModelPrice[CatalogRateKey];

function tierStarts(rate: CatalogRate): number[] {
  return typeof rate === "object" ? rate.tiers.map((tier) => tier.start) : [];
}

/** The rate in force above `inputAbove` tokens (-1: the base rate), exactly in nano-USD. */
function rateAt(rate: CatalogRate, inputAbove: number): bigint | undefined {
  if (rate === undefined) return undefined;
  if (typeof rate === "number") return usdToNano(rate);
  let value = rate.base;
  for (const tier of rate.tiers) if (inputAbove >= tier.start) value = tier.price;
  return usdToNano(value);
}

/**
 * Catalog prices are published decimals stored as JSON numbers; their shortest decimal form
 * is the published figure, which parseUsd reads exactly. A figure finer than a nano-USD is
 * rounded up, never down.
 */
function usdToNano(value: number): bigint {
  try {
    return parseUsd(value);
  } catch {
    return BigInt(Math.ceil(value * 1e9));
  }
}
