import { describe, expect, it } from "vitest";
import { OutputCalibration } from "./output-calibration.js";

describe("OutputCalibration", () => {
  const settings = { quantile: 0.9, floorTokens: 8, coldTokens: 200, minSamples: 4, window: 10 };

  it("holds the cold prior until a model has enough observations, then the quantile of the recent ones", () => {
    const calibration = new OutputCalibration(settings);
    for (const tokens of [30, 10, 20]) calibration.observe("m", tokens);
    expect(calibration.holdTokens("m", 1_024)).toBe(200);
    calibration.observe("m", 40);
    for (let index = 0; index < 6; index += 1) calibration.observe("m", 25);
    // 10 samples: 10, 20, 25 x6, 30, 40 -> the 9th of 10 sorted is 30.
    expect(calibration.holdTokens("m", 1_024)).toBe(30);
    for (let index = 0; index < 10; index += 1) calibration.observe("m", 50);
    expect(calibration.holdTokens("m", 1_024)).toBe(50);
  });

  it("never holds under the floor nor over the call's maximum", () => {
    const calibration = new OutputCalibration(settings);
    for (let index = 0; index < 5; index += 1) calibration.observe("short", 1);
    expect(calibration.holdTokens("short", 1_024)).toBe(8);
    expect(calibration.holdTokens("short", 4)).toBe(4);
    expect(calibration.holdTokens("unseen", 64)).toBe(64);
  });
});
