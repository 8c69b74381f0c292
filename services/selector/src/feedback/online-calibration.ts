/**
 * A model's online calibration: p' = sigmoid(a * logit(p) + b) on top of the artifact's
 * calibrated probability p, starting at the identity (a = 1, b = 0) and moved by each observed
 * quality with a decaying step (stochastic gradient on cross-entropy, pulled gently towards the
 * identity). A model whose answers keep disappointing the critic sinks; one that keeps
 * surprising rises; the artifact's ranking within a prompt is preserved (a > 0).
 */
export interface CalibrationState {
  slope: number;
  offset: number;
  observations: number;
}

const clampProbability = (p: number): number => Math.min(0.999, Math.max(0.001, p));
const logit = (p: number): number => Math.log(clampProbability(p) / (1 - clampProbability(p)));

/** The identity calibration (no feedback yet). */
export function freshCalibration(): CalibrationState {
  return { slope: 1, offset: 0, observations: 0 };
}

/** Applies a model's online calibration to a probability. */
export function adjustProbability(state: CalibrationState, probability: number): number {
  return 1 / (1 + Math.exp(-(state.slope * logit(probability) + state.offset)));
}

/** Folds one observation (the base probability it was predicted at, the observed quality) in. */
export function observe(state: CalibrationState, baseProbability: number, quality: number): void {
  const z = logit(baseProbability);
  const error = adjustProbability(state, baseProbability) - quality;
  const step = 0.6 / Math.sqrt(1 + state.observations / 5);
  state.slope = Math.min(3, Math.max(0.2, state.slope - step * (error * z * 0.25 + 0.01 * (state.slope - 1))));
  state.offset = Math.min(4, Math.max(-4, state.offset - step * (error + 0.01 * state.offset)));
  state.observations += 1;
}

/** Inverse of adjustProbability: the base probability behind an adjusted one. */
export function unadjustProbability(state: CalibrationState, adjusted: number): number {
  return 1 / (1 + Math.exp(-((logit(adjusted) - state.offset) / state.slope)));
}
