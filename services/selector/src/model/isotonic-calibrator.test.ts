import { describe, expect, it } from "vitest";
import { calibrate, fitIsotonic, identityCalibrator } from "./isotonic-calibrator.js";

describe("isotonic calibrator", () => {
  it("learns a monotone map that fixes over-confident raw probabilities", () => {
    const raw: number[] = [];
    const observed: number[] = [];
    for (let index = 0; index < 2000; index += 1) {
      const p = index / 2000;
      raw.push(p);
      // Truth is p^2: a raw 0.5 is right a quarter of the time.
      observed.push((index * 7919) % 1000 < p * p * 1000 ? 1 : 0);
    }
    const calibrator = fitIsotonic(raw, observed);
    expect(calibrate(calibrator, 0.5)).toBeCloseTo(0.25, 1);
    expect(calibrate(calibrator, 0.9)).toBeCloseTo(0.81, 1);
    for (let p = 0; p < 1; p += 0.01) expect(calibrate(calibrator, p + 0.01)).toBeGreaterThan(calibrate(calibrator, p));
  });

  it("never predicts certainty and keeps the identity as a fallback", () => {
    const calibrator = fitIsotonic([0.1, 0.2, 0.3], [1, 1, 1], undefined, 1);
    expect(calibrate(calibrator, 0.99)).toBeLessThan(1);
    expect(calibrate(identityCalibrator, 0.3)).toBeCloseTo(0.3, 5);
  });
});
