/** One calibration outcome: the artifact's probability for a model on a prompt and what happened. */
export interface PlacementObservation {
  readonly model: string;
  /** The prompt's context (its inferred task family): a model's level may differ per family. */
  readonly context: string;
  readonly predicted: number;
  readonly quality: number;
}

/**
 * A deployment's correction of the artifact learnt from a small calibration sample: a logit
 * offset per model (its level on this traffic), one per model and context on top of it, and
 * one shared slope and intercept over the offset logits (how far the artifact's spread
 * between prompts is to be trusted here).
 */
export interface Placement {
  readonly offsets: ReadonlyMap<string, number>;
  /** Keyed `${model}|${context}`. */
  readonly contextOffsets: ReadonlyMap<string, number>;
  readonly slope: number;
  readonly intercept: number;
}

/** Prior precisions: offsets (logit^-2) are shrunk towards 0, the slope firmly towards 1 (a freer slope amplified the context offsets' noise, leave one source out). */
const offsetPrecision = 1;
const slopePrecision = 30;
const newtonSteps = 25;

const clampProbability = (p: number): number => Math.min(0.999, Math.max(0.001, p));
const logit = (p: number): number => Math.log(clampProbability(p) / (1 - clampProbability(p)));
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Fits a placement by maximum a posteriori (Newton's method, priors above): first every model's
 * offset on its own outcomes, then per model and context what the level leaves, then the
 * shared slope and intercept on all of them. Under a shift
 * of source the artifact's levels are what is most wrong (a new notion of quality, new models),
 * and 50 outcomes per model are enough to fix a level, not a per-prompt map.
 */
export function fitPlacement(observations: readonly PlacementObservation[]): Placement {
  const offsets = new Map(
    [...groupBy(observations, (item) => item.model)].map(
      ([model, list]) =>
        [
          model,
          fitOffset(
            list.map((item) => logit(item.predicted)),
            list,
          ),
        ] as const,
    ),
  );
  const levelled = (item: PlacementObservation): number => logit(item.predicted) + (offsets.get(item.model) ?? 0);
  const contextOffsets = new Map(
    [...groupBy(observations, (item) => `${item.model}|${item.context}`)].map(([key, list]) => [key, fitOffset(list.map(levelled), list)] as const),
  );
  const [slope, intercept] = fitSlope(
    observations.map((item) => ({ z: levelled(item) + (contextOffsets.get(`${item.model}|${item.context}`) ?? 0), quality: item.quality })),
  );
  return { offsets, contextOffsets, slope, intercept };
}

/** The placed probability of a model's artifact probability (a model without outcomes keeps its level). */
export function applyPlacement(placement: Placement, model: string, context: string, predicted: number): number {
  const offset = (placement.offsets.get(model) ?? 0) + (placement.contextOffsets.get(`${model}|${context}`) ?? 0);
  return sigmoid(placement.slope * (logit(predicted) + offset) + placement.intercept);
}

function groupBy(observations: readonly PlacementObservation[], key: (item: PlacementObservation) => string): Map<string, PlacementObservation[]> {
  const groups = new Map<string, PlacementObservation[]>();
  for (const observation of observations) {
    const list = groups.get(key(observation)) ?? [];
    list.push(observation);
    groups.set(key(observation), list);
  }
  return groups;
}

/** MAP offset of one group's logits (prior precision `offsetPrecision` at 0). */
function fitOffset(logits: readonly number[], list: readonly PlacementObservation[]): number {
  let offset = 0;
  for (let step = 0; step < newtonSteps; step += 1) {
    let gradient = offsetPrecision * offset;
    let curvature = offsetPrecision;
    list.forEach((item, index) => {
      const p = sigmoid((logits[index] ?? 0) + offset);
      gradient += p - item.quality;
      curvature += p * (1 - p);
    });
    offset = Math.max(-8, Math.min(8, offset - gradient / curvature));
  }
  return offset;
}

/** Slope a and intercept c of sigmoid(a z + c), a shrunk towards 1 (c is pinned by the offsets). */
function fitSlope(points: ReadonlyArray<{ z: number; quality: number }>): [number, number] {
  let slope = 1;
  let intercept = 0;
  for (let step = 0; step < newtonSteps; step += 1) {
    let gradientA = slopePrecision * (slope - 1);
    let gradientC = offsetPrecision * intercept;
    let hAA = slopePrecision;
    let hAC = 0;
    let hCC = offsetPrecision;
    for (const { z, quality } of points) {
      const p = sigmoid(slope * z + intercept);
      const weight = p * (1 - p);
      gradientA += (p - quality) * z;
      gradientC += p - quality;
      hAA += weight * z * z;
      hAC += weight * z;
      hCC += weight;
    }
    const determinant = hAA * hCC - hAC * hAC;
    if (!(determinant > 0)) break;
    slope = Math.max(0.05, Math.min(5, slope - (hCC * gradientA - hAC * gradientC) / determinant));
    intercept = Math.max(-8, Math.min(8, intercept - (hAA * gradientC - hAC * gradientA) / determinant));
  }
  return [slope, intercept];
}
