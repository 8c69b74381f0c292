import { describe, expect, it } from "vitest";
import { aggregateCritiques } from "./aggregate.js";

describe("aggregating critiques", () => {
  it("weights each score by the critic's confidence", () => {
    const { aggregateScore } = aggregateCritiques([
      { score: 1, confidence: 0.9 },
      { score: 0, confidence: 0.1 },
    ]);
    expect(aggregateScore).toBeCloseTo(0.9, 10);
  });

  it("measures consensus as 1 minus twice the weighted standard deviation", () => {
    expect(
      aggregateCritiques([
        { score: 0.7, confidence: 0.5 },
        { score: 0.7, confidence: 0.9 },
      ]).consensus,
    ).toBeCloseTo(1, 10);
    expect(
      aggregateCritiques([
        { score: 0, confidence: 1 },
        { score: 1, confidence: 1 },
      ]).consensus,
    ).toBe(0);
    // Scores 0.6 and 0.8 with equal weights: deviation 0.1, consensus 0.8.
    expect(
      aggregateCritiques([
        { score: 0.6, confidence: 0.5 },
        { score: 0.8, confidence: 0.5 },
      ]).consensus,
    ).toBeCloseTo(0.8, 10);
  });

  it("counts scores equally when every critic has zero confidence", () => {
    expect(
      aggregateCritiques([
        { score: 0.2, confidence: 0 },
        { score: 0.6, confidence: 0 },
      ]).aggregateScore,
    ).toBeCloseTo(0.4, 10);
  });

  it("gives a single critique full consensus, and no critique zero for both", () => {
    expect(aggregateCritiques([{ score: 0.3, confidence: 0.4 }])).toEqual({ aggregateScore: 0.3, consensus: 1 });
    // 0.41 * 0.01 / 0.41 is not 0.01 in floating point: a single score is returned as it is.
    expect(aggregateCritiques([{ score: 0.01, confidence: 0.41 }]).aggregateScore).toBe(0.01);
    expect(aggregateCritiques([])).toEqual({ aggregateScore: 0, consensus: 0 });
  });
});
