import { describe, expect, it } from "vitest";
import type { PlacementObservation } from "./placement-calibration.js";
import { applyPlacement, fitPlacement } from "./placement-calibration.js";

describe("fitPlacement", () => {
  it("learns a model's level per context from 50 outcomes and leaves unseen models alone", () => {
    // The artifact says 0.5 everywhere; the model is right on 24 of 25 code prompts and 2 of 25 maths prompts.
    const observations: PlacementObservation[] = Array.from({ length: 50 }, (_, index) => {
      const code = index % 2 === 0;
      const rank = Math.floor(index / 2);
      return { model: "m", context: code ? "code" : "math", predicted: 0.5, quality: code ? (rank === 0 ? 0 : 1) : rank < 2 ? 1 : 0 };
    });
    const placement = fitPlacement(observations);
    expect(applyPlacement(placement, "m", "code", 0.5)).toBeGreaterThan(0.75);
    expect(applyPlacement(placement, "m", "math", 0.5)).toBeLessThan(0.25);
    // A context without outcomes falls back to the model's level (here about even).
    expect(applyPlacement(placement, "m", "chat", 0.5)).toBeGreaterThan(0.35);
    expect(applyPlacement(placement, "m", "chat", 0.5)).toBeLessThan(0.65);
    expect(applyPlacement(placement, "other", "code", 0.3)).toBeCloseTo(0.3, 1);
    // Ranking between prompts is kept.
    expect(applyPlacement(placement, "m", "code", 0.4)).toBeLessThan(applyPlacement(placement, "m", "code", 0.6));
  });
});
