/**
 * Maps `items` through `run` with at most `limit` calls in flight, starting them in order,
 * and returns the results in the order of `items`. A limit of 0 (or more than the items) runs
 * them all at once. `run` is expected to report failures in its result; if it throws, the
 * whole map rejects once the calls already started have settled.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  const width = limit <= 0 ? items.length : Math.min(limit, items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await run(items[index] as T, index);
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: width }, worker));
  const failure = settled.find((outcome) => outcome.status === "rejected");
  if (failure) throw failure.reason;
  return results;
}
