/** Why a call could not get a slot. */
export type GateRefusal = "queue_full" | "aborted";

/** Outcome of waiting for a slot: a release function, or why there is none. */
export type GateEntry = { readonly release: () => void } | { readonly refused: GateRefusal };

/** A concurrency cap with a bounded FIFO wait queue. */
export interface ConcurrencyGate {
  /** Waits for a slot; refuses at once when the queue is full, or when `signal` aborts while queued. */
  enter(signal: AbortSignal): Promise<GateEntry> | GateEntry;
  readonly inFlight: number;
  readonly queued: number;
  /** Gives what this replica holds of a shared cap back to the other replicas (shutdown). */
  close(): Promise<void>;
}

interface Waiter {
  readonly grant: (entry: GateEntry) => void;
}

/**
 * Caps calls in flight to one deployment at `maxConcurrency`, with at most `maxQueue` callers
 * waiting in arrival order, in this process alone: the gate of a deployment without a cap (its
 * counts feed ListModels) and of tests. A configured cap is shared (shared-concurrency-gate.ts).
 */
export function createConcurrencyGate(maxConcurrency: number, maxQueue: number): ConcurrencyGate {
  let inFlight = 0;
  const waiting: Waiter[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next.grant(slot());
    else inFlight -= 1;
  };
  const slot = (): GateEntry => {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        release();
      },
    };
  };
  return {
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return waiting.length;
    },
    close: async () => {},
    enter(signal) {
      if (inFlight < maxConcurrency) {
        inFlight += 1;
        return slot();
      }
      if (waiting.length >= maxQueue) return { refused: "queue_full" };
      return new Promise<GateEntry>((resolve) => {
        const onAbort = (): void => {
          const index = waiting.indexOf(waiter);
          if (index >= 0) waiting.splice(index, 1);
          resolve({ refused: "aborted" });
        };
        const waiter: Waiter = {
          grant: (entry) => {
            signal.removeEventListener("abort", onAbort);
            resolve(entry);
          },
        };
        waiting.push(waiter);
        signal.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}
