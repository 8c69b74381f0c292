import { describe, expect, it } from "vitest";
import { webhookRetryDelayMs } from "./webhook-backoff.js";

describe("webhookRetryDelayMs", () => {
  const backoff = { minMs: 1_000, maxMs: 10_000 };

  it("doubles per attempt up to the maximum, between half and all of each step", () => {
    expect([1, 2, 3, 4, 5, 9].map((attempt) => webhookRetryDelayMs(attempt, backoff, () => 0))).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    expect([1, 2, 3, 4, 5, 9].map((attempt) => webhookRetryDelayMs(attempt, backoff, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it("spreads retries of the same attempt with the random draw", () => {
    expect(webhookRetryDelayMs(3, backoff, () => 0.5)).toBe(3_000);
  });
});
