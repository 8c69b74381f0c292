/**
 * Options of a {@link LogitOffsetLearner}. The defaults were chosen on the leave-one-source-out
 * online replay (every file held out in turn, the same values for all of them).
 */
export interface LogitOffsetOptions {
  /**
   * Precision (inverse variance, in logit units) of the prior that an offset is 0: about how
   * many outcomes it takes before the data outweighs the artifact's estimate.
   */
  readonly priorPrecision: number;
  /**
   * Per-observation decay of the accumulated precision (1: never forget). Below 1 the learner
   * keeps tracking a model whose quality drifts with the traffic mix, at the price of noise.
   */
  readonly forgetting: number;
}

export const defaultLogitOffsetOptions: LogitOffsetOptions = { priorPrecision: 1, forgetting: 1 };

/** One offset and the information behind it (persisted in the selector's feedback snapshots). */
export interface OffsetState {
  offset: number;
  precision: number;
  observations: number;
}

const clampProbability = (p: number): number => Math.min(0.999, Math.max(0.001, p));
const logit = (p: number): number => Math.log(clampProbability(p) / (1 - clampProbability(p)));
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Learns additive logit offsets on top of the artifact's probability from observed outcomes:
 * p' = sigmoid(logit(p) + sum of the offsets of the given keys) (for example one per model and
 * one per model and task family). Each offset takes a Newton step per outcome, weighted by the
 * information it has (a Gaussian prior of precision `priorPrecision` at 0 plus p(1 - p) per
 * outcome), so the first outcomes move a model by whole logits and later ones refine it: a model
 * known only by its price/tier prior is placed from a few dozen outcomes, whereas a fixed-rate
 * gradient step needs hundreds. The posterior spread gives an exploration bonus.
 */
export class LogitOffsetLearner {
  private readonly states = new Map<string, OffsetState>();

  constructor(private readonly options: LogitOffsetOptions = defaultLogitOffsetOptions) {}

  /** The adjusted probability of `base` under the offsets of `keys`. */
  predict(keys: readonly string[], base: number): number {
    let z = logit(base);
    for (const key of keys) z += this.states.get(key)?.offset ?? 0;
    return sigmoid(z);
  }

  /**
   * The upper confidence value: the probability `optimism` posterior standard deviations above
   * the estimate, taken in logit space (so a model predicted low still gets a real chance).
   */
  optimistic(keys: readonly string[], base: number, optimism: number): number {
    let z = logit(base) + optimism * this.spread(keys);
    for (const key of keys) z += this.states.get(key)?.offset ?? 0;
    return sigmoid(z);
  }

  /** Posterior standard deviation of the summed offsets, in logit units. */
  spread(keys: readonly string[]): number {
    let variance = 0;
    for (const key of keys) variance += 1 / (this.options.priorPrecision + (this.states.get(key)?.precision ?? 0));
    return Math.sqrt(variance);
  }

  /** Outcomes seen under a key. */
  observations(key: string): number {
    return this.states.get(key)?.observations ?? 0;
  }

  /**
   * Folds one outcome in, coarse key first: each offset steps on the residual the keys before
   * it leave, so a shared level (the model) is learnt before what one context adds to it.
   */
  observe(keys: readonly string[], base: number, quality: number): void {
    let z = logit(base);
    for (const key of keys) {
      const state = this.state(key);
      const p = sigmoid(z + state.offset);
      const weight = Math.max(0.05, p * (1 - p));
      state.precision = state.precision * this.options.forgetting + weight;
      state.offset = Math.max(-6, Math.min(6, state.offset - (p - quality) / (this.options.priorPrecision + state.precision)));
      state.observations += 1;
      z += state.offset;
    }
  }

  /** The base probability behind an adjusted one (undoes the offsets of `keys`). */
  baseOf(keys: readonly string[], adjusted: number): number {
    let z = logit(adjusted);
    for (const key of keys) z -= this.states.get(key)?.offset ?? 0;
    return sigmoid(z);
  }

  /** Every key's state, for a snapshot. */
  snapshot(): Record<string, OffsetState> {
    return Object.fromEntries([...this.states].map(([key, state]) => [key, { ...state }]));
  }

  /** Replaces a key's state (a snapshot being restored). */
  restore(key: string, state: OffsetState): void {
    this.states.set(key, { ...state });
  }

  private state(key: string): OffsetState {
    let state = this.states.get(key);
    if (!state) this.states.set(key, (state = { offset: 0, precision: 0, observations: 0 }));
    return state;
  }
}
