import { usageOf } from "@switchyard/provider-spec";
import { describe, expect, it } from "vitest";
import { costOfUsage } from "./cost-of-usage.js";
import type { ModelPrice } from "./model-price.js";

const flat: ModelPrice = {
  inputPerMillion: 150_000_000n,
  cachedInputPerMillion: 75_000_000n,
  cacheWritePerMillion: 187_500_000n,
  outputPerMillion: 600_000_000n,
  tiers: [],
  source: "catalog",
};

describe("costOfUsage", () => {
  it("prices input and output exactly in nano-USD", () => {
    expect(costOfUsage(usageOf(1_000, 500), flat)).toBe(150_000n + 300_000n);
  });

  it("prices cached input and cache writes at their own rates, out of the input count", () => {
    const usage = { ...usageOf(1_000, 0), cachedInputTokens: 600, cacheCreationInputTokens: 100 };
    expect(costOfUsage(usage, flat)).toBe(300n * 150n + 600n * 75n + 100n * 187n + 50n);
  });

  it("rounds the total up once, never below the price", () => {
    const cheap: ModelPrice = { ...flat, inputPerMillion: 1n, outputPerMillion: 1n };
    expect(costOfUsage(usageOf(1, 1), cheap)).toBe(1n);
    expect(costOfUsage(usageOf(0, 0), cheap)).toBe(0n);
  });

  it("applies a long-context tier to the whole call once the input exceeds its threshold", () => {
    const tiered: ModelPrice = {
      ...flat,
      tiers: [
        {
          aboveInputTokens: 200_000,
          inputPerMillion: 300_000_000n,
          cachedInputPerMillion: 150_000_000n,
          cacheWritePerMillion: 1n,
          outputPerMillion: 1_200_000_000n,
        },
      ],
    };
    expect(costOfUsage(usageOf(200_000, 1_000), tiered)).toBe(200_000n * 150n + 1_000n * 600n);
    expect(costOfUsage(usageOf(200_001, 1_000), tiered)).toBe(200_001n * 300n + 1_000n * 1_200n);
  });
});
