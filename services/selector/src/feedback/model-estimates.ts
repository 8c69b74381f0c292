import type { OffsetState } from "../model/logit-offset-learner.js";
import { LogitOffsetLearner } from "../model/logit-offset-learner.js";
import type { FeedbackAdjuster } from "../model/selector-model.js";

/**
 * What outcomes taught about each model in one scope (a tenant, or the global state): a logit
 * offset per model over the artifact's probability, learnt with information-weighted steps (the
 * learner `selector:eval`'s online mode measures), so a model known only by its price/tier prior
 * is placed from a few dozen outcomes. A model with no outcomes keeps the artifact's estimate.
 */
export class ModelEstimates implements FeedbackAdjuster {
  private readonly learner = new LogitOffsetLearner();

  adjust(model: string, probability: number): number {
    return this.learner.predict([model], probability);
  }

  observations(model: string): number {
    return this.learner.observations(model);
  }

  /** The base probability behind an adjusted prediction (undoes the adjustment). */
  baseOf(model: string, predicted: number): number {
    return this.learner.baseOf([model], predicted);
  }

  /** Folds one outcome in: the base probability it was predicted at and the observed quality. */
  observe(model: string, base: number, quality: number): void {
    this.learner.observe([model], base, quality);
  }

  /** Replaces a model's state (a snapshot being restored). */
  restore(model: string, state: OffsetState): void {
    this.learner.restore(model, state);
  }

  /** Every model's state, for a snapshot. */
  snapshot(): Record<string, OffsetState> {
    return this.learner.snapshot();
  }
}
