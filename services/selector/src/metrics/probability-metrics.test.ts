import { describe, expect, it } from "vitest";
import { auroc, brierScore, expectedCalibrationError } from "./probability-metrics.js";

describe("probability metrics", () => {
  it("computes the Brier score as the mean squared error", () => {
    // (0.2^2 + 0.3^2 + 0.5^2) / 3 = (0.04 + 0.09 + 0.25) / 3
    expect(brierScore([0.8, 0.3, 0.5], [1, 0, 1])).toBeCloseTo(0.38 / 3, 12);
  });

  it("computes ECE over 10 equal-width bins, weighted by bin share", () => {
    // bin [0.1,0.2): mean prediction 0.1, mean outcome 0.5, share 1/2 -> 0.2
    // bin [0.9,1.0]: mean prediction 0.9, mean outcome 1.0, share 1/2 -> 0.05
    expect(expectedCalibrationError([0.1, 0.1, 0.9, 0.9], [0, 1, 1, 1])).toBeCloseTo(0.25, 12);
    expect(expectedCalibrationError([0.3, 0.3, 0.3], [0.3, 0.3, 0.3])).toBeCloseTo(0, 12);
  });

  it("puts a prediction of exactly 1 in the last bin", () => {
    expect(expectedCalibrationError([1, 1], [1, 0])).toBeCloseTo(0.5, 12);
  });

  it("computes AUROC as the share of correctly ordered positive/negative pairs", () => {
    // positives 0.35 and 0.8; negatives 0.1 and 0.4: pairs (0.35>0.1) (0.35<0.4) (0.8>0.1) (0.8>0.4) -> 3/4
    expect(auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(auroc([0.5, 0.5], [0, 1])).toBeCloseTo(0.5, 12);
    expect(auroc([0.2, 0.9], [0.3, 0.7])).toBeCloseTo(1, 12);
    expect(auroc([0.2, 0.9], [1, 1])).toBeNaN();
  });
});
