import type { FeedbackAdjuster } from "../model/selector-model.js";
import type { CalibrationState } from "./online-calibration.js";
import { adjustProbability, freshCalibration, observe, unadjustProbability } from "./online-calibration.js";

/**
 * What outcomes taught about each model in one scope (a tenant, or the global state): the
 * model's online calibration over the artifact's probability. A model with no outcomes is the
 * identity, so it starts from the artifact's estimate (trained, alias or price/tier prior).
 */
export class ModelEstimates implements FeedbackAdjuster {
  private readonly states = new Map<string, CalibrationState>();

  adjust(model: string, probability: number): number {
    const state = this.states.get(model);
    return state ? adjustProbability(state, probability) : probability;
  }

  observations(model: string): number {
    return this.states.get(model)?.observations ?? 0;
  }

  /** The base probability behind an adjusted prediction (undoes the adjustment). */
  baseOf(model: string, predicted: number): number {
    const state = this.states.get(model);
    return state ? unadjustProbability(state, predicted) : predicted;
  }

  /** Folds one outcome in: the base probability it was predicted at and the observed quality. */
  observe(model: string, base: number, quality: number): void {
    let state = this.states.get(model);
    if (!state) this.states.set(model, (state = freshCalibration()));
    observe(state, base, quality);
  }

  /** Replaces a model's state (a snapshot being restored). */
  restore(model: string, state: CalibrationState): void {
    this.states.set(model, { ...state });
  }

  /** Every model's state, for a snapshot. */
  snapshot(): Record<string, CalibrationState> {
    return Object.fromEntries([...this.states].map(([model, state]) => [model, { ...state }]));
  }
}
