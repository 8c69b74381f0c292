import { describe, expect, it } from "vitest";
import { aiq, hullCostFor, hullQualityAt, nonDecreasingHull } from "./cost-quality-frontier.js";

const points = [
  { cost: 1, quality: 0.5 },
  { cost: 2, quality: 0.6 },
  { cost: 3, quality: 0.9 },
  { cost: 4, quality: 0.85 },
];

describe("RouterBench frontier and AIQ", () => {
  it("keeps the non-decreasing upper convex hull", () => {
    // (2, 0.6) lies under the chord from (1, 0.5) to (3, 0.9); (4, 0.85) pays more for less.
    expect(nonDecreasingHull(points)).toEqual([
      { cost: 1, quality: 0.5 },
      { cost: 3, quality: 0.9 },
    ]);
  });

  it("reads the hull at a cost and inverts it for a quality", () => {
    const hull = nonDecreasingHull(points);
    expect(hullQualityAt(hull, 2)).toBeCloseTo(0.7, 12);
    expect(hullQualityAt(hull, 0.5)).toBeCloseTo(0.5, 12);
    expect(hullQualityAt(hull, 10)).toBeCloseTo(0.9, 12);
    expect(hullCostFor(hull, 0.8)).toBeCloseTo(2.5, 12);
    expect(hullCostFor(hull, 0.95)).toBeUndefined();
  });

  it("computes AIQ as the mean hull quality over the cost range", () => {
    const hull = nonDecreasingHull(points);
    // Over [1, 3]: a straight line from 0.5 to 0.9, mean 0.7.
    expect(aiq(hull, 1, 3)).toBeCloseTo(0.7, 12);
    // Over [0, 4]: 0.5 flat on [0,1], 1.4 on [1,3], 0.9 flat on [3,4]: 2.8 / 4.
    expect(aiq(hull, 0, 4)).toBeCloseTo(0.7, 12);
    // Over [2, 3]: from 0.7 to 0.9.
    expect(aiq(hull, 2, 3)).toBeCloseTo(0.8, 12);
  });
});
