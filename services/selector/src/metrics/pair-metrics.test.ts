import { describe, expect, it } from "vitest";
import { callsForQuality, pairCurve, pairMetrics, quantileSorted } from "./pair-metrics.js";

const strong = [1, 1, 1, 1];
const weak = [1, 0, 1, 0];

describe("RouteLLM pair metrics", () => {
  it("interpolates quantiles like numpy", () => {
    expect(quantileSorted([0.1, 0.2, 0.8, 0.9], 0.5)).toBeCloseTo(0.5, 12);
    expect(quantileSorted([1, 2, 3], 1)).toBe(3);
  });

  it("sweeps the bin edges: >= for all but the last edge, > for the last", () => {
    // Edges at the 0, 50 and 100% quantiles of [0.1, 0.9, 0.2, 0.8]: 0.1, 0.5, 0.9.
    const curve = pairCurve([0.1, 0.9, 0.2, 0.8], strong, weak, 2);
    expect(curve).toEqual([
      { strongPercent: 0, quality: 0.5 },
      { strongPercent: 50, quality: 1 },
      { strongPercent: 100, quality: 1 },
    ]);
  });

  it("computes APGR and CPT on a hand-worked case", () => {
    // Area under (0,0.5)-(50,1)-(100,1) = 0.375 + 0.5 = 0.875; weak area 0.5, strong area 1.
    // APGR = (0.875 - 0.5) / (1 - 0.5) = 0.75. PGR 50% is quality 0.75, reached half way to
    // the 50% point: CPT(50%) = 25%; quality 0.9 is 80% of the way: CPT(80%) = 40%.
    const result = pairMetrics([0.1, 0.9, 0.2, 0.8], strong, weak, 2);
    expect(result.apgr).toBeCloseTo(0.75, 12);
    expect(result.cpt50).toBeCloseTo(25, 12);
    expect(result.cpt80).toBeCloseTo(40, 12);
  });

  it("scores a router that sends the wrong prompts to the strong model below one that sends the right ones", () => {
    const good = pairMetrics([0.1, 0.9, 0.2, 0.8], strong, weak, 2);
    const bad = pairMetrics([0.9, 0.1, 0.8, 0.2], strong, weak, 2);
    expect(bad.apgr).toBeLessThan(good.apgr);
    expect(bad.apgr).toBeCloseTo(0.25, 12);
  });

  it("returns the first strong-call share at which a target is reached", () => {
    const curve = [
      { strongPercent: 0, quality: 0.2 },
      { strongPercent: 10, quality: 0.6 },
      { strongPercent: 20, quality: 0.5 },
      { strongPercent: 30, quality: 0.9 },
    ];
    expect(callsForQuality(curve, 0.4)).toBeCloseTo(5, 12);
    expect(callsForQuality(curve, 0.1)).toBe(0);
    // 0.75 lies between (20, 0.5) and (30, 0.9): 20 + 10 * 0.25 / 0.4.
    expect(callsForQuality(curve, 0.75)).toBeCloseTo(26.25, 12);
    expect(callsForQuality(curve, 2)).toBe(30);
  });
});
