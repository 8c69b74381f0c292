/** Percentiles of one run's latencies, in milliseconds. */
export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
}

/** p50 and p99 (nearest rank) of a run's samples. */
export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (quantile: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1))] ?? 0;
  return { p50: rank(0.5), p99: rank(0.99) };
}

/** Median of several runs' figures. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
