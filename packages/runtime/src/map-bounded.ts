/**
 * Runs `visit(0) … visit(count - 1)` with at most `limit` in flight (0, or more than `count`:
 * all at once), starting them in index order and starting none once `stopped()` says so. If a
 * visit throws, no further index starts and the returned promise rejects with the first failure
 * once the visits already started have settled (nothing is left running behind the caller).
 */
export async function runBounded(count: number, limit: number, visit: (index: number) => Promise<void>, stopped: () => boolean = () => false): Promise<void> {
  const width = limit <= 0 ? count : Math.min(limit, count);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < count && !failed && !stopped()) {
      const index = next;
      next += 1;
      try {
        await visit(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: width }, worker));
  const failure = settled.find((outcome) => outcome.status === "rejected");
  if (failure) throw failure.reason;
}

/**
 * Maps `items` through `run` with at most `limit` calls in flight (0: all at once), starting
 * them in order, and returns the results in the order of `items`: the critic's concurrent
 * critiques and the router's ensemble share it. `run` should report failures in its result; if
 * it throws, the map rejects once the calls already started have settled.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  await runBounded(items.length, limit, async (index) => {
    results[index] = await run(items[index] as T, index);
  });
  return results;
}
