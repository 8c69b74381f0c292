/** Latency figures of one load run. */
export interface LoadFigures {
  readonly requests: number;
  readonly failures: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Percentile (0-100) of already collected samples, nearest-rank. */
export function percentile(samples: readonly number[], rank: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1))]!;
}

/** Median of several runs' values (figures are quoted as medians of runs). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * Runs `call` `total` times with `concurrency` in flight and measures each call's latency.
 * Failures are counted, not timed.
 */
export async function runLoad(total: number, concurrency: number, call: () => Promise<unknown>): Promise<LoadFigures> {
  const samples: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      next += 1;
      const begin = performance.now();
      try {
        await call();
        samples.push(performance.now() - begin);
      } catch {
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1_000;
  return { requests: total, failures, requestsPerSecond: samples.length / seconds, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) };
}
