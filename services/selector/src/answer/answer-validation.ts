import { auroc, brierScore, expectedCalibrationError } from "../metrics/probability-metrics.js";
import { stableUnit } from "../training/seeded-random.js";
import type { AnswerExample, AnswerTrainOptions } from "./answer-trainer.js";
import { defaultAnswerTrainOptions, trainAnswerScorer } from "./answer-trainer.js";

/** Calibration of the scorer on examples it did not train on. */
export interface HeldOutFigures {
  readonly split: string;
  readonly kind: string;
  readonly outcomes: number;
  readonly brier: number;
  readonly ece: number;
  readonly auroc: number;
}

function figures(split: string, kind: string, predicted: readonly number[], observed: readonly number[]): HeldOutFigures {
  return {
    split,
    kind,
    outcomes: predicted.length,
    brier: brierScore(predicted, observed),
    ece: expectedCalibrationError(predicted, observed, 10),
    auroc: auroc(predicted, observed),
  };
}

/** Trains on `train`, scores `test`, reports per kind. */
export function heldOut(
  split: string,
  train: readonly AnswerExample[],
  test: readonly AnswerExample[],
  options: AnswerTrainOptions = defaultAnswerTrainOptions,
): HeldOutFigures[] {
  const { scorer } = trainAnswerScorer(train, options);
  const byKind = new Map<string, { p: number[]; y: number[] }>();
  for (const example of test) {
    const bucket = byKind.get(example.kind) ?? { p: [], y: [] };
    byKind.set(example.kind, bucket);
    bucket.p.push(scorer.score(example.prompt, example.answer, example.model, example.kind).probability);
    bucket.y.push(example.quality);
  }
  return [...byKind].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, bucket]) => figures(split, kind, bucket.p, bucket.y));
}

/** 80/20 by prompt (the same rule as the selector's held-out files: stableUnit(id, 5) < 0.2). */
export function promptSplit(examples: readonly AnswerExample[]): { train: AnswerExample[]; test: AnswerExample[] } {
  const test = examples.filter((example) => stableUnit(example.promptId, 5) < 0.2);
  const train = examples.filter((example) => stableUnit(example.promptId, 5) >= 0.2);
  return { train, test };
}
