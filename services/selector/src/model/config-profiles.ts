import type { ModelConfig } from "@switchyard/runtime";
import { nanoUsdPerUsd } from "@switchyard/runtime";
import type { CandidateProfile } from "./resolved-model.js";

/**
 * The selector's view of the configured models: tier, price and `aliasOf` become candidate
 * profiles (the prior for models without training data; exact nano-USD prices for costs).
 */
export function profilesFromConfig(models: Readonly<Record<string, ModelConfig>>): Map<string, CandidateProfile> {
  const profiles = new Map<string, CandidateProfile>();
  for (const [name, model] of Object.entries(models)) {
    const price = model.price;
    profiles.set(name, {
      ...(model.tier ? { tier: model.tier } : {}),
      ...(model.aliasOf ? { aliasOf: model.aliasOf } : {}),
      ...(price
        ? {
            price: [Number(price.inputPerMillion) / Number(nanoUsdPerUsd), Number(price.outputPerMillion) / Number(nanoUsdPerUsd)] as const,
            priceNanoPerMillion: { input: price.inputPerMillion, output: price.outputPerMillion },
          }
        : {}),
    });
  }
  return profiles;
}
