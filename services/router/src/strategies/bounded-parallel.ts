/**
 * Runs `task` over `items` with at most `limit` running at once (0 means all at once), and
 * returns the results in the items' order.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  const workers = limit > 0 ? Math.min(limit, items.length) : items.length;
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return results;
}
