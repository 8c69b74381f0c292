/** How output lengths are turned into what a request holds. */
export interface CalibrationSettings {
  /** The share of observed answers a hold covers (0.95: 19 of 20 answers fit their hold). */
  readonly quantile: number;
  /** Fewest output tokens held, whatever was observed. */
  readonly floorTokens: number;
  /** Output tokens held for a model not yet observed `minSamples` times. */
  readonly coldTokens: number;
  readonly minSamples: number;
  /** Observations kept per model (the most recent). */
  readonly window: number;
}

/** Defaults: the 95th percentile of the last 256 answers, never under 16 tokens. */
export const defaultCalibration: CalibrationSettings = { quantile: 0.95, floorTokens: 16, coldTokens: 256, minSamples: 8, window: 256 };

/**
 * The observed output-length distribution of each model (its last answers), so that a request
 * holds what its answer will most likely cost rather than max_tokens at the output price: a
 * model that answers in 30 tokens does not hold a budget for 1,024.
 */
export class OutputCalibration {
  readonly #settings: CalibrationSettings;
  readonly #samples = new Map<string, number[]>();

  constructor(settings: CalibrationSettings = defaultCalibration) {
    this.#settings = settings;
  }

  /** Records the output tokens of one answered call. */
  observe(model: string, outputTokens: number): void {
    let samples = this.#samples.get(model);
    if (!samples) {
      samples = [];
      this.#samples.set(model, samples);
    }
    samples.push(outputTokens);
    if (samples.length > this.#settings.window) samples.shift();
  }

  /** Output tokens a call to `model` holds: the calibrated quantile, floored, never above its maximum. */
  holdTokens(model: string, maxOutputTokens: number): number {
    const samples = this.#samples.get(model) ?? [];
    const observed = samples.length < this.#settings.minSamples ? this.#settings.coldTokens : quantileOf(samples, this.#settings.quantile);
    return Math.min(maxOutputTokens, Math.max(this.#settings.floorTokens, observed));
  }
}

function quantileOf(samples: readonly number[], quantile: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] ?? 0;
}
