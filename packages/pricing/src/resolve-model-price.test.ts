import { parseSwitchyardConfig } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import { loadModelPricing } from "./model-pricing.js";
import { createGenaiPriceCatalog } from "./price-catalog.js";
import { resolveModelPrices } from "./resolve-model-price.js";

const resolution = { catalog: createGenaiPriceCatalog(), at: new Date("2026-11-23T12:00:00Z") };
const providers = `
providers:
  openai: { kind: openai, baseUrl: "https://api.openai.com/v1" }
  local: { kind: openai, baseUrl: "http://127.0.0.1:8000/v1" }
  proxy: { kind: openai, baseUrl: "http://gateway.internal/v1", catalogProvider: openai }
`;

function prices(models: string) {
  return resolveModelPrices(parseSwitchyardConfig(`${providers}\nmodels:\n${models}`, {}), resolution);
}

describe("resolveModelPrices", () => {
  it("takes a known model's price from the catalog", () => {
    expect(prices("  gpt-4o-mini: { provider: openai }").get("gpt-4o-mini")).toMatchObject({
      source: "catalog",
      catalogId: "openai/gpt-4o-mini",
      inputPerMillion: 150_000_000n,
      cachedInputPerMillion: 75_000_000n,
    });
  });

  it("lets the config override the catalog, the cached-input price included, and keeps the catalog's cache price otherwise", () => {
    const overridden = prices(
      '  gpt-4o-mini: { provider: openai, price: { inputPerMillion: "0.2", cachedInputPerMillion: "0.01", outputPerMillion: "0.8" } }',
    ).get("gpt-4o-mini");
    expect(overridden).toMatchObject({ source: "config", inputPerMillion: 200_000_000n, cachedInputPerMillion: 10_000_000n, outputPerMillion: 800_000_000n });
    const negotiated = prices('  gpt-4o-mini: { provider: openai, price: { inputPerMillion: "0.12", outputPerMillion: "0.5" } }').get("gpt-4o-mini");
    expect(negotiated).toMatchObject({ source: "config", inputPerMillion: 120_000_000n, cachedInputPerMillion: 75_000_000n, outputPerMillion: 500_000_000n });
  });

  it("prices a self-hosted model at a declared $0 or rate, and a proxy through catalogProvider", () => {
    const table = prices(`
  free: { provider: local, price: { inputPerMillion: "0", outputPerMillion: "0" } }
  rated: { provider: local, price: { inputPerMillion: "0.05", outputPerMillion: "0.1" } }
  via-proxy: { provider: proxy, providerModel: gpt-4o }`);
    expect(table.get("free")).toMatchObject({ source: "self-hosted", inputPerMillion: 0n, outputPerMillion: 0n });
    expect(table.get("rated")).toMatchObject({
      source: "config",
      inputPerMillion: 50_000_000n,
      cachedInputPerMillion: 50_000_000n,
      outputPerMillion: 100_000_000n,
    });
    expect(table.get("via-proxy")).toMatchObject({ source: "catalog", catalogId: "openai/gpt-4o" });
  });

  it("refuses a model with no known price at start-up instead of billing it as free", () => {
    expect(() => prices("  mystery: { provider: local, providerModel: my-finetune }")).toThrow(
      /model "mystery" has no known price: the price catalog has no "my-finetune" for provider "local"/,
    );
    expect(() => prices('  half: { provider: local, price: { inputPerMillion: "1" } }')).toThrow(/models\.half\.price\.outputPerMillion/);
  });
});

describe("loadModelPricing", () => {
  it("estimates a reservation: real tokenizer input count and the worst-case output", async () => {
    const config = parseSwitchyardConfig(`${providers}\nmodels:\n  gpt-4o-mini: { provider: openai, contextWindow: 1000 }`, {});
    const pricing = await loadModelPricing(config, resolution);
    const messages = [{ role: "user", content: "Hello world" }];
    expect(pricing.estimate("gpt-4o-mini", messages, 100)).toEqual({ inputTokens: 8, maxOutputTokens: 100, maxCostNanoUsd: 8n * 150n + 100n * 600n });
    expect(pricing.estimate("gpt-4o-mini", messages).maxOutputTokens).toBe(1000 - 8);
    expect(() => pricing.price("nope")).toThrow(/model "nope" is not configured/);
  });
});
