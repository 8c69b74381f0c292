/** One calibration outcome: the artifact's probability for a model on a prompt and what happened. */
export interface PlacementObservation {
  readonly model: string;
  readonly predicted: number;
  readonly quality: number;
}

/**
 * A deployment's correction of the artifact learnt from a small calibration sample: a logit
 * offset per model (its level on this traffic) and one shared slope and intercept over the
 * offset logits (how far the artifact's spread between prompts is to be trusted here).
 */
export interface Placement {
  readonly offsets: ReadonlyMap<string, number>;
  readonly slope: number;
  readonly intercept: number;
}

/** Prior precisions (logit^-2): offsets are shrunk towards 0, the slope towards 1. */
const offsetPrecision = 1;
const slopePrecision = 4;
const newtonSteps = 25;

const clampProbability = (p: number): number => Math.min(0.999, Math.max(0.001, p));
const logit = (p: number): number => Math.log(clampProbability(p) / (1 - clampProbability(p)));
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Fits a placement by maximum a posteriori (Newton's method, priors above): first every model's
 * offset on its own outcomes, then the shared slope and intercept on all of them. Under a shift
 * of source the artifact's levels are what is most wrong (a new notion of quality, new models),
 * and 50 outcomes per model are enough to fix a level, not a per-prompt map.
 */
export function fitPlacement(observations: readonly PlacementObservation[]): Placement {
  const byModel = new Map<string, PlacementObservation[]>();
  for (const observation of observations) {
    const list = byModel.get(observation.model) ?? [];
    list.push(observation);
    byModel.set(observation.model, list);
  }
  const offsets = new Map([...byModel].map(([model, list]) => [model, fitOffset(list)] as const));
  const [slope, intercept] = fitSlope(observations.map((item) => ({ z: logit(item.predicted) + (offsets.get(item.model) ?? 0), quality: item.quality })));
  return { offsets, slope, intercept };
}

/** The placed probability of a model's artifact probability (a model without outcomes keeps its level). */
export function applyPlacement(placement: Placement, model: string, predicted: number): number {
  return sigmoid(placement.slope * (logit(predicted) + (placement.offsets.get(model) ?? 0)) + placement.intercept);
}

function fitOffset(list: readonly PlacementObservation[]): number {
  const logits = list.map((item) => logit(item.predicted));
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
