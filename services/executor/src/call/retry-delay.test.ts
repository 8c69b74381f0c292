import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./retry-delay.js";

const policy = { retryInitialDelayMs: 200, retryMaxDelayMs: 1_000 };

describe("retryDelayMs", () => {
  it("doubles per retry between half and all of the ceiling, capped at the maximum", () => {
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(retry, undefined, policy, () => 0))).toEqual([100, 200, 400, 500]);
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(retry, undefined, policy, () => 1))).toEqual([200, 400, 800, 1_000]);
  });

  it("never retries sooner than the provider's Retry-After", () => {
    expect(retryDelayMs(1, 1_500, policy, () => 0.5)).toBe(1_500);
    expect(retryDelayMs(3, 100, policy, () => 1)).toBe(800);
  });
});
