/** Rates in nano-USD per million tokens (exact for every published price). */
export interface PriceRates {
  readonly inputPerMillion: bigint;
  /** Input read from the provider's prompt cache. */
  readonly cachedInputPerMillion: bigint;
  /** Input written to the provider's prompt cache. */
  readonly cacheWritePerMillion: bigint;
  readonly outputPerMillion: bigint;
}

/** Rates that apply to a whole call once its input is above `aboveInputTokens` (long-context pricing). */
export interface PriceTier extends PriceRates {
  readonly aboveInputTokens: number;
}

/** Where a model's price comes from. */
export type PriceSource = "catalog" | "config" | "self-hosted";

/** A model's price: base rates, optional long-context tiers, and where it comes from. */
export interface ModelPrice extends PriceRates {
  /** Sorted by threshold, lowest first; empty for flat prices. */
  readonly tiers: readonly PriceTier[];
  readonly source: PriceSource;
  /** "provider/model" in the catalog when the catalog supplied any figure. */
  readonly catalogId?: string;
}

/**
 * The rates a call pays: the highest tier whose threshold its input exceeds, else the base
 * rates. As the providers (and the catalog) define it, the tier applies to the whole call.
 */
export function ratesFor(price: ModelPrice, inputTokens: number): PriceRates {
  let rates: PriceRates = price;
  for (const tier of price.tiers) if (inputTokens > tier.aboveInputTokens) rates = tier;
  return rates;
}
