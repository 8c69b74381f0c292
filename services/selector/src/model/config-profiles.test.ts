import { createGenaiPriceCatalog, loadModelPricing } from "@switchyard/pricing";
import { parseSwitchyardConfig } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import { profilesFromConfig } from "./config-profiles.js";
import { priceOf } from "./pricing.js";

const config = parseSwitchyardConfig(
  `
providers:
  openai: { kind: openai, baseUrl: "https://api.openai.com/v1" }
  local: { kind: openai, baseUrl: "http://127.0.0.1:8000/v1" }
models:
  house-mini: { provider: openai, providerModel: gpt-4o-mini, tier: small }
  own-gpu: { provider: local, price: { inputPerMillion: "0.02", outputPerMillion: "0.05" } }
`,
  {},
);

describe("profilesFromConfig", () => {
  it("prices every configured model as @switchyard/pricing does, catalog-only models included", async () => {
    const pricing = await loadModelPricing(config, { catalog: createGenaiPriceCatalog(), at: new Date("2026-11-23T12:00:00Z") });
    const profiles = profilesFromConfig(config.models, (name) => pricing.price(name));
    expect(profiles.get("house-mini")).toMatchObject({ tier: "small", priceNanoPerMillion: { input: 150_000_000n, output: 600_000_000n } });
    expect(profiles.get("own-gpu")?.priceNanoPerMillion).toEqual({ input: 20_000_000n, output: 50_000_000n });
    // The selector's own name table would have priced the catalog-only model from a prior instead.
    expect(priceOf("house-mini", { tier: "small" }).origin).toBe("prior");
  }, 60_000); // loading the o200k tokenizer takes seconds on a busy machine
});
