import { describe, expect, it } from "vitest";
import { seededRandom } from "../training/seeded-random.js";
import type { ScoredRecord } from "./evaluation-tables.js";
import { probabilityReport } from "./evaluation-tables.js";
import { OutcomeCosts } from "./outcome-cost.js";
import { placementReport } from "./placement-report.js";

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * A shifted file: per prompt a true logit per model; the artifact's prediction keeps the
 * per-prompt ranking but has each model's level wrong by several logits (a new source).
 */
function shiftedFile(prompts: number): ScoredRecord[] {
  const random = seededRandom(5);
  const models = [
    { name: "gpt-4-1106-preview", level: 1.5, artifactError: -2.5 },
    { name: "mistral-7b-instruct-v0.1", level: -1, artifactError: 2 },
    { name: "llama-2-70b-chat", level: 0, artifactError: 1 },
  ];
  return Array.from({ length: prompts }, (_, index) => {
    const difficulty = random() * 2 - 1;
    const truths = models.map((model) => sigmoid(model.level - difficulty));
    return {
      taskType: "multiple_choice",
      record: {
        id: `shifted:${index}`,
        source: "shifted",
        task: "t",
        prompt: "Question: which? A) x B) y",
        kind: "binary",
        outcomes: models.map((model, column) => ({
          sourceName: model.name,
          model: model.name,
          quality: random() < (truths[column] ?? 0) ? 1 : 0,
          costUsd: 0.001 * (column === 0 ? 10 : 1),
          outputChars: undefined,
          response: undefined,
        })),
      },
      predicted: Float64Array.from(models, (model) => sigmoid(model.level + model.artifactError - difficulty)),
    };
  });
}

describe("placementReport", () => {
  it("calibrates a shifted file from 50 held-back prompts and scores only the others", () => {
    const scored = shiftedFile(2000);
    const report = placementReport(scored, new OutcomeCosts());
    expect(report?.calibrationPrompts).toBe(50);
    expect(report?.routing).toBeDefined();
    // Scored on the other 1,950 prompts only: 3 outcomes each.
    expect(report?.probability.outcomes).toBe(1950 * 3);
    // Before placement the levels are off by 1-2.5 logits; 50 prompts leave sampling noise of a few points.
    const before = probabilityReport(scored).ece;
    expect(before).toBeGreaterThan(0.15);
    expect(report?.probability.ece).toBeLessThan(0.06);
    expect(report?.probability.ece).toBeLessThan(before / 3);
    expect(report?.placement.offsets.get("gpt-4-1106-preview")).toBeGreaterThan(1);
    expect(report?.placement.offsets.get("mistral-7b-instruct-v0.1")).toBeLessThan(-1);
  });

  it("declines a file too small to hold back a calibration sample", () => {
    expect(placementReport(shiftedFile(80), new OutcomeCosts())).toBeUndefined();
  });
});
