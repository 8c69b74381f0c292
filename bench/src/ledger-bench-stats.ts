/** The q-quantile (0..1) of samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The median of several runs' figures. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Runs `worker` on `concurrency` lanes until `total` items are done; resolves with the wall time. */
export async function runLanes(total: number, concurrency: number, worker: (item: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await worker(next++);
    }),
  );
  return performance.now() - started;
}
