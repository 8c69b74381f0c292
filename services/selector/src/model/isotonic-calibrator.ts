/**
 * A monotone map from raw probability to calibrated probability, stored as knots and applied
 * by linear interpolation (so it is smooth between the fitted blocks and cheap at inference).
 */
export interface Calibrator {
  readonly knotsX: readonly number[];
  readonly knotsY: readonly number[];
}

/** The identity map (used until a kind has data). */
export const identityCalibrator: Calibrator = { knotsX: [0, 1], knotsY: [0, 1] };

/**
 * Applies a calibrator to a raw probability. A vanishing share of the raw value is added so that
 * the map stays strictly increasing: flat ends would tie the best candidates and break ranking.
 */
export function calibrate(calibrator: Calibrator, raw: number): number {
  return interpolate(calibrator, raw) + 1e-6 * (raw - 0.5);
}

function interpolate(calibrator: Calibrator, raw: number): number {
  const { knotsX, knotsY } = calibrator;
  const last = knotsX.length - 1;
  if (raw <= (knotsX[0] ?? 0)) return knotsY[0] ?? raw;
  if (raw >= (knotsX[last] ?? 1)) return knotsY[last] ?? raw;
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if ((knotsX[middle] ?? 0) <= raw) low = middle;
    else high = middle;
  }
  const x0 = knotsX[low] ?? 0;
  const x1 = knotsX[high] ?? 1;
  const y0 = knotsY[low] ?? 0;
  const y1 = knotsY[high] ?? 1;
  return x1 > x0 ? y0 + ((raw - x0) / (x1 - x0)) * (y1 - y0) : y0;
}

/**
 * Fits isotonic regression (pool adjacent violators) of observed quality on raw probability,
 * weighted, then keeps one knot per pooled block at the block's mean raw value. Blocks with
 * less than `minBlockWeight` are merged into a neighbour so that a handful of outcomes cannot
 * make a step. The result is clamped to [0.001, 0.999]: no prediction is ever certain.
 */
export function fitIsotonic(raw: ArrayLike<number>, observed: ArrayLike<number>, weights?: ArrayLike<number>, minBlockWeight = 30): Calibrator {
  const order = Array.from({ length: raw.length }, (_, index) => index).sort((a, b) => (raw[a] ?? 0) - (raw[b] ?? 0));
  const blockX: number[] = [];
  const blockY: number[] = [];
  const blockW: number[] = [];
  for (const index of order) {
    const weight = weights ? (weights[index] ?? 1) : 1;
    blockX.push((raw[index] ?? 0) * weight);
    blockY.push((observed[index] ?? 0) * weight);
    blockW.push(weight);
    while (blockY.length > 1) {
      const last = blockY.length - 1;
      const lastMean = (blockY[last] ?? 0) / (blockW[last] ?? 1);
      const previousMean = (blockY[last - 1] ?? 0) / (blockW[last - 1] ?? 1);
      const tooSmall = (blockW[last - 1] ?? 0) < minBlockWeight;
      if (previousMean < lastMean && !tooSmall) break;
      blockX[last - 1] = (blockX[last - 1] ?? 0) + (blockX.pop() ?? 0);
      blockY[last - 1] = (blockY[last - 1] ?? 0) + (blockY.pop() ?? 0);
      blockW[last - 1] = (blockW[last - 1] ?? 0) + (blockW.pop() ?? 0);
    }
  }
  if (blockW.length === 0) return identityCalibrator;
  const knotsX = blockX.map((sum, index) => sum / (blockW[index] ?? 1));
  const knotsY = blockY.map((sum, index) => Math.min(0.999, Math.max(0.001, sum / (blockW[index] ?? 1))));
  if (knotsX.length === 1) return { knotsX: [0, 1], knotsY: [knotsY[0] ?? 0.5, knotsY[0] ?? 0.5] };
  return { knotsX, knotsY };
}
