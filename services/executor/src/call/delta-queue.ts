/**
 * Hands text deltas from the call (which pushes them as the provider sends them) to the RPC
 * stream (which pulls them as the client reads). The call never waits for the client, so a
 * slow or vanished reader cannot stall the provider call or skip its billing.
 */
export class DeltaQueue implements AsyncIterable<string> {
  readonly #items: string[] = [];
  #closed = false;
  #wake: (() => void) | undefined;

  push(text: string): void {
    this.#items.push(text);
    this.#notify();
  }

  close(): void {
    this.#closed = true;
    this.#notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      if (this.#items.length > 0) {
        // Everything that arrived since the last read goes out as one delta.
        yield this.#items.splice(0).join("");
        continue;
      }
      if (this.#closed) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  #notify(): void {
    this.#wake?.();
    this.#wake = undefined;
  }
}
