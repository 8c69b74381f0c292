import { describe, expect, it } from "vitest";
import { createGenaiPriceCatalog } from "./price-catalog.js";

const catalog = createGenaiPriceCatalog();
const at = new Date("2026-11-23T12:00:00Z");

describe("createGenaiPriceCatalog", () => {
  it("finds OpenAI models by the provider's URL, with exact nano-USD rates and cached input", () => {
    expect(catalog.lookup({ providerApiUrl: "https://api.openai.com/v1", modelId: "gpt-4o-mini", at })).toMatchObject({
      id: "openai/gpt-4o-mini",
      inputPerMillion: 150_000_000n,
      cachedInputPerMillion: 75_000_000n,
      outputPerMillion: 600_000_000n,
      tiers: [],
    });
  });

  it("matches dated model ids and OpenRouter's provider/model ids", () => {
    expect(catalog.lookup({ providerApiUrl: "https://api.openai.com/v1", modelId: "gpt-4o-mini-2024-07-18", at })?.id).toBe("openai/gpt-4o-mini");
    expect(catalog.lookup({ providerApiUrl: "https://openrouter.ai/api/v1", modelId: "meta-llama/llama-3.1-8b-instruct", at })).toMatchObject({
      inputPerMillion: 20_000_000n,
      outputPerMillion: 30_000_000n,
    });
  });

  it("reads long-context tiers and cache-write prices (Anthropic through its OpenAI-compatible URL)", () => {
    const entry = catalog.lookup({ providerApiUrl: "https://api.anthropic.com/v1/", modelId: "claude-sonnet-4-5", at });
    expect(entry).toMatchObject({
      inputPerMillion: 3_000_000_000n,
      cachedInputPerMillion: 300_000_000n,
      cacheWritePerMillion: 3_750_000_000n,
      outputPerMillion: 15_000_000_000n,
    });
    expect(entry?.tiers).toEqual([
      {
        aboveInputTokens: 200_000,
        inputPerMillion: 6_000_000_000n,
        cachedInputPerMillion: 600_000_000n,
        cacheWritePerMillion: 7_500_000_000n,
        outputPerMillion: 22_500_000_000n,
      },
    ]);
  });

  it("never guesses a provider from the model name: a local URL serving gpt-4o-mini is unknown", () => {
    expect(catalog.lookup({ providerApiUrl: "http://127.0.0.1:8000/v1", modelId: "gpt-4o-mini", at })).toBeUndefined();
    expect(catalog.lookup({ providerApiUrl: "http://127.0.0.1:8000/v1", providerId: "openai", modelId: "gpt-4o-mini", at })?.id).toBe("openai/gpt-4o-mini");
    expect(catalog.lookup({ providerApiUrl: "https://api.openai.com/v1", modelId: "no-such-model", at })).toBeUndefined();
  });
});
