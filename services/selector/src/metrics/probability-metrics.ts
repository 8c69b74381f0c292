/**
 * Scores of probabilistic predictions against observed quality in [0,1]: Brier score,
 * expected calibration error and AUROC. Quality may be fractional (judge scores, preferences):
 * Brier and ECE use it as is; AUROC needs two classes and counts quality >= 0.5 as "good".
 */

/** Mean squared error between predictions and observed quality. */
export function brierScore(predicted: ArrayLike<number>, observed: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < predicted.length; index += 1) sum += ((predicted[index] ?? 0) - (observed[index] ?? 0)) ** 2;
  return predicted.length > 0 ? sum / predicted.length : Number.NaN;
}

/**
 * Expected calibration error with `bins` equal-width bins over [0,1]: the share-weighted mean
 * of |mean prediction - mean observed quality| per bin (a prediction of exactly 1 falls in the
 * last bin).
 */
export function expectedCalibrationError(predicted: ArrayLike<number>, observed: ArrayLike<number>, bins = 10): number {
  const sums = new Float64Array(bins);
  const outcomes = new Float64Array(bins);
  const counts = new Float64Array(bins);
  for (let index = 0; index < predicted.length; index += 1) {
    const value = predicted[index] ?? 0;
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(value * bins)));
    sums[bin] = (sums[bin] ?? 0) + value;
    outcomes[bin] = (outcomes[bin] ?? 0) + (observed[index] ?? 0);
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  let error = 0;
  for (let bin = 0; bin < bins; bin += 1) {
    const count = counts[bin] ?? 0;
    if (count > 0) error += Math.abs((sums[bin] ?? 0) - (outcomes[bin] ?? 0)) / predicted.length;
  }
  return predicted.length > 0 ? error : Number.NaN;
}

/**
 * Area under the ROC curve (Mann-Whitney, ties count half) for "good" = observed >= 0.5.
 * NaN when only one class is present.
 */
export function auroc(predicted: ArrayLike<number>, observed: ArrayLike<number>): number {
  const order = Array.from({ length: predicted.length }, (_, index) => index).sort((a, b) => (predicted[a] ?? 0) - (predicted[b] ?? 0));
  let positives = 0;
  let rankSum = 0;
  let position = 0;
  while (position < order.length) {
    let end = position;
    const value = predicted[order[position] ?? 0] ?? 0;
    while (end + 1 < order.length && (predicted[order[end + 1] ?? 0] ?? 0) === value) end += 1;
    const averageRank = (position + end) / 2 + 1;
    for (let at = position; at <= end; at += 1) {
      if ((observed[order[at] ?? 0] ?? 0) >= 0.5) {
        positives += 1;
        rankSum += averageRank;
      }
    }
    position = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
