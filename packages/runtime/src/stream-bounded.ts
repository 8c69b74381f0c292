import { runBounded } from "./map-bounded.js";

/**
 * Runs `run` over `items` with at most `limit` in flight (0: all at once) and yields each result
 * as soon as it is ready (completion order, not item order), as CompleteBatch streams its items.
 * Once `signal` aborts no further item starts; the ones running finish and are still yielded.
 * If `run` throws, the stream ends with that error after the started items have settled.
 */
export async function* streamBounded<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): AsyncGenerator<R> {
  const queue = new ResultQueue<R>();
  const visit = async (index: number): Promise<void> => queue.push(await run(items[index] as T, index));
  void runBounded(items.length, limit, visit, () => signal?.aborted ?? false).then(
    () => queue.close(),
    (error: unknown) => queue.close(error),
  );
  yield* queue;
}

/** An async queue: producers push, one consumer iterates until it is closed and drained. */
class ResultQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #closed = false;
  #failure: { readonly error: unknown } | undefined;
  #wake: (() => void) | undefined;

  push(item: T): void {
    this.#items.push(item);
    this.#wake?.();
  }

  /** No more items; with `error`, the consumer gets it after the items already pushed. */
  close(...error: [] | [unknown]): void {
    this.#closed = true;
    if (error.length > 0) this.#failure = { error: error[0] };
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.#items.length > 0) {
        yield this.#items.shift() as T;
        continue;
      }
      if (this.#closed) {
        if (this.#failure) throw this.#failure.error;
        return;
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = undefined;
    }
  }
}
