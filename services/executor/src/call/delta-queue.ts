import type { ToolCallDeltaPart } from "@switchyard/provider-spec";

/** What a stream sends between its start and its end: text, or a fragment of a tool call. */
export type QueuedDelta = { readonly text: string } | { readonly toolCall: ToolCallDeltaPart };

/**
 * Hands deltas from the call (which pushes them as the provider sends them) to the RPC stream
 * (which pulls them as the client reads). The call never waits for the client, so a slow or
 * vanished reader cannot stall the provider call or skip its billing.
 */
export class DeltaQueue implements AsyncIterable<QueuedDelta> {
  readonly #items: QueuedDelta[] = [];
  #closed = false;
  #wake: (() => void) | undefined;

  push(text: string): void {
    this.#items.push({ text });
    this.#notify();
  }

  pushToolCall(toolCall: ToolCallDeltaPart): void {
    this.#items.push({ toolCall });
    this.#notify();
  }

  close(): void {
    this.#closed = true;
    this.#notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<QueuedDelta> {
    for (;;) {
      if (this.#items.length > 0) {
        yield this.#takeNext();
        continue;
      }
      if (this.#closed) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /** Consecutive text that arrived since the last read goes out as one delta; tool fragments one by one, in order. */
  #takeNext(): QueuedDelta {
    const first = this.#items.shift()!;
    if (!("text" in first)) return first;
    let text = first.text;
    while (this.#items[0] && "text" in this.#items[0]) text += (this.#items.shift() as { text: string }).text;
    return { text };
  }

  #notify(): void {
    this.#wake?.();
    this.#wake = undefined;
  }
}
