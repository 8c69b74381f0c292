import type { Calibrator } from "../model/isotonic-calibrator.js";
import { calibrate, identityCalibrator } from "../model/isotonic-calibrator.js";
import { sigmoid } from "../model/quality-model.js";
import type { AnswerFeatures } from "./answer-features.js";
import { calibrationSlot, createAnswerFeatures, extractAnswerFeatures } from "./answer-features.js";
import type { AnswerWeights } from "./answer-weights.js";
import { linearScore } from "./answer-weights.js";

/** What the scorer knows besides its weights. */
export interface AnswerScorerMeta {
  readonly featureVersion: string;
  readonly version: string;
  readonly bias: number;
  /** Isotonic map per quality kind (and `generic`, pooled, for the others), and per kind and ask ("binary|code") where trained. */
  readonly calibrators: Readonly<Record<string, Calibrator>>;
  /** Models whose answers it was trained on. */
  readonly trainedModels: readonly string[];
}

/** One answer's score. */
export interface AnswerScore {
  /** Calibrated probability, for the kind asked, that the answer is good. */
  readonly probability: number;
  /** Before calibration. */
  readonly raw: number;
  /** Whether the model's answers were in the training data (otherwise only the answer speaks). */
  readonly trainedModel: boolean;
}

/**
 * P(answer is good | prompt, answer, model): a logistic model over hashed answer features
 * (`answer-features.ts`), calibrated per quality kind, and per kind and what the prompt asks for
 * where there were enough answers, by isotonic maps fitted out of fold.
 * Not re-entrant (reuses one feature buffer); Node's single thread is fine with that.
 */
export class AnswerScorer {
  private readonly features: AnswerFeatures = createAnswerFeatures();
  private readonly trained: ReadonlySet<string>;

  constructor(
    readonly meta: AnswerScorerMeta,
    private readonly weights: AnswerWeights,
  ) {
    this.trained = new Set(meta.trainedModels);
  }

  get version(): string {
    return this.meta.version;
  }

  score(prompt: string, answer: string, model: string, kind = "binary"): AnswerScore {
    const slot = kind in this.meta.calibrators ? kind : "generic";
    const features = extractAnswerFeatures(prompt, answer, model, slot, this.features);
    const raw = sigmoid(linearScore(this.weights, features, this.meta.bias));
    const calibrator = this.meta.calibrators[calibrationSlot(slot, features.ask)] ?? this.meta.calibrators[slot] ?? identityCalibrator;
    return { probability: Math.min(1, Math.max(0, calibrate(calibrator, raw))), raw, trainedModel: this.trained.has(model) };
  }
}
