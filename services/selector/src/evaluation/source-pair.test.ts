import { describe, expect, it } from "vitest";
import { competentPair } from "./source-pair.js";

describe("competentPair", () => {
  it("pairs the best model with the cheapest model at or above the median quality", () => {
    const singles = [
      { name: "big", quality: 0.9, cost: 10 },
      { name: "mid", quality: 0.8, cost: 3 },
      { name: "cheap-good", quality: 0.7, cost: 1 },
      { name: "cheap-bad", quality: 0.2, cost: 0.1 },
      { name: "bad", quality: 0.3, cost: 2 },
    ];
    expect(competentPair(singles)).toEqual(["big", "cheap-good"]);
  });

  it("gives no pair when nothing competent is cheaper than the best", () => {
    expect(
      competentPair([
        { name: "a", quality: 0.9, cost: 1 },
        { name: "b", quality: 0.95, cost: 0.5 },
      ]),
    ).toBeUndefined();
  });
});
