import { ConfigError } from "@switchyard/runtime";
import type { ModelConfig, ResolvedProvider, ResolvedSwitchyardConfig } from "@switchyard/runtime";
import type { ModelPrice } from "./model-price.js";
import type { CatalogEntry, PriceCatalog } from "./price-catalog.js";

/** What a price is resolved from. */
export interface PriceResolution {
  readonly catalog: PriceCatalog;
  /** Catalog prices in force at this time. */
  readonly at: Date;
}

/**
 * A model's price: the catalog's figures (found by the provider's URL or `catalogProvider`
 * and the model's `catalogModel` or provider id), or the config's `price`, which overrides
 * them (its missing cache prices taken from the catalog). An override makes the price flat
 * (catalog long-context tiers are dropped) and its source "config", or "self-hosted" when
 * every rate is zero. A model neither source prices is refused with a ConfigError at start-up:
 * it would otherwise be billed as free.
 */
export function resolveModelPrice(name: string, model: ModelConfig, provider: ResolvedProvider, resolution: PriceResolution): ModelPrice {
  const catalogModel = model.catalogModel ?? model.providerModel ?? name;
  const entry = resolution.catalog.lookup({
    providerApiUrl: provider.baseUrl,
    modelId: catalogModel,
    at: resolution.at,
    ...(provider.catalogProvider ? { providerId: provider.catalogProvider } : {}),
  });
  const override = model.price;
  const input = override?.inputPerMillion ?? entry?.inputPerMillion;
  const output = override?.outputPerMillion ?? entry?.outputPerMillion;
  if (input === undefined || output === undefined) {
    throw new ConfigError(
      `model "${name}" has no known price: the price catalog has no "${catalogModel}" for provider "${provider.name}" (${provider.baseUrl}) ` +
        `and models.${name}.price is not set (give inputPerMillion and outputPerMillion; "0" for a self-hosted model)`,
    );
  }
  if (!override && entry) return { ...catalogPrice(entry), source: "catalog", catalogId: entry.id };
  const rates = {
    inputPerMillion: input,
    cachedInputPerMillion: override?.cachedInputPerMillion ?? entry?.cachedInputPerMillion ?? input,
    cacheWritePerMillion: override?.cacheWritePerMillion ?? entry?.cacheWritePerMillion ?? input,
    outputPerMillion: output,
  };
  const free = Object.values(rates).every((rate) => rate === 0n);
  return { ...rates, tiers: [], source: free ? "self-hosted" : "config", ...(entry ? { catalogId: entry.id } : {}) };
}

/** Prices of every model in the configuration; throws a ConfigError naming the first unpriced model. */
export function resolveModelPrices(config: ResolvedSwitchyardConfig, resolution: PriceResolution): Map<string, ModelPrice> {
  const prices = new Map<string, ModelPrice>();
  for (const [name, model] of Object.entries(config.models)) {
    const provider = config.providers[model.provider];
    if (provider) prices.set(name, resolveModelPrice(name, model, provider, resolution));
  }
  return prices;
}

function catalogPrice(entry: CatalogEntry): Omit<ModelPrice, "source"> {
  return {
    inputPerMillion: entry.inputPerMillion,
    cachedInputPerMillion: entry.cachedInputPerMillion,
    cacheWritePerMillion: entry.cacheWritePerMillion,
    outputPerMillion: entry.outputPerMillion,
    tiers: entry.tiers,
  };
}
