import type { ModelPrice } from "@switchyard/pricing";
import type { ModelConfig } from "@switchyard/runtime";
import { nanoUsdPerUsd } from "@switchyard/runtime";
import type { CandidateProfile } from "./resolved-model.js";

/**
 * The selector's view of the configured models: tier and `aliasOf` become candidate profiles
 * (the prior for models without training data), and each model's price is the one
 * `@switchyard/pricing` resolved for it (catalog plus config override), the same figure the
 * router reserves and the ledger bills, so the selector's cost predictions never use a second table.
 */
export function profilesFromConfig(models: Readonly<Record<string, ModelConfig>>, priceOf: (model: string) => ModelPrice): Map<string, CandidateProfile> {
  const profiles = new Map<string, CandidateProfile>();
  for (const [name, model] of Object.entries(models)) {
    const price = priceOf(name);
    profiles.set(name, {
      ...(model.tier ? { tier: model.tier } : {}),
      ...(model.aliasOf ? { aliasOf: model.aliasOf } : {}),
      price: [Number(price.inputPerMillion) / Number(nanoUsdPerUsd), Number(price.outputPerMillion) / Number(nanoUsdPerUsd)] as const,
      priceNanoPerMillion: { input: price.inputPerMillion, output: price.outputPerMillion },
    });
  }
  return profiles;
}
