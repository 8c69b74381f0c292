import { setTimeout as sleep } from "node:timers/promises";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import type { Logger } from "@switchyard/runtime";
import type { KeyValueStore } from "./key-value-store.js";

/** A change to a shared record: the record to store (none: read only) and what the caller learns. */
export type RecordChange<R, T> = (stored: R, nowMs: number) => { readonly store?: R; readonly result: T };

/** One protobuf record in the KeyValueStore that every replica changes by compare-and-set (records are values: a change returns a new one). */
export interface SharedRecord<R> {
  /**
   * Applies `change` by compare-and-set, one change of this replica at a time (so its own calls
   * never race each other; only other replicas can make a write conflict), retried on conflicts.
   */
  update<T>(change: RecordChange<R, T>): Promise<T>;
  /** Runs `step` in the same one-at-a-time order without touching the store (it may call `updateNow`). */
  serially<T>(step: () => T | Promise<T>): Promise<T>;
  /** `update` for use inside a `serially` step. */
  updateNow<T>(change: RecordChange<R, T>): Promise<T>;
}

const maxConflicts = 16;

/**
 * A random pause before retrying a lost compare-and-set, growing with the losses: two replicas
 * in lock step (both read, one always writes first) would otherwise starve the slower one.
 */
function backoffMs(conflict: number): number {
  return Math.random() * Math.min(16, 2 ** conflict);
}

/** Settings of a shared record. */
export interface SharedRecordOptions<Desc extends DescMessage> {
  readonly key: string;
  readonly schema: Desc;
  /** The record before anyone wrote it. */
  readonly initial: (nowMs: number) => MessageShape<Desc>;
  readonly store: KeyValueStore;
  readonly nowMs: () => number;
  readonly logger: Logger;
  /** What is shared, for the two log lines of the degraded mode ("shared rate limits of m"). */
  readonly label: string;
}

/**
 * The one mechanism by which executor replicas share a limit (rate buckets, concurrency slots):
 * a KV record changed by compare-and-set, one change of this replica at a time. If the store is
 * unreachable (NATS down) changes go to a record of this replica's own, logged once, until the
 * store answers again: the replica then limits on its own, at worst replicas x the limit. That
 * record starts from the shared one as this replica last saw it, not from a fresh one, so a
 * short outage (or a run of lost races) admits no more than what was left then.
 */
export function createSharedRecord<Desc extends DescMessage>(options: SharedRecordOptions<Desc>): SharedRecord<MessageShape<Desc>> {
  type Shape = MessageShape<Desc>;
  let local: Shape | undefined;
  /** The shared record as last read or written here: where the record of its own starts. */
  let lastSeen: Shape | undefined;
  let degraded = false;
  let chain: Promise<unknown> = Promise.resolve();

  async function updateNow<T>(change: RecordChange<Shape, T>): Promise<T> {
    try {
      for (let conflict = 0; conflict < maxConflicts; conflict += 1) {
        if (conflict > 0) await sleep(backoffMs(conflict));
        const stored = await options.store.get(options.key);
        const nowMs = options.nowMs();
        const current = stored ? fromBinary(options.schema, stored.value) : options.initial(nowMs);
        if (stored) lastSeen = current;
        const outcome = change(current, nowMs);
        if (!outcome.store) return outcome.result;
        if ((await options.store.compareAndSet(options.key, toBinary(options.schema, outcome.store), stored?.revision ?? 0)) !== undefined) {
          if (degraded) options.logger.info({ key: options.key }, `${options.label} reachable again`);
          degraded = false;
          lastSeen = outcome.store;
          return outcome.result;
        }
      }
      throw new Error(`${options.key} kept changing under ${maxConflicts} attempts`);
    } catch (error) {
      if (!degraded) {
        options.logger.warn({ err: error, key: options.key }, `${options.label} unreachable; limiting this replica on its own`);
        local = lastSeen;
      }
      degraded = true;
      const nowMs = options.nowMs();
      const outcome = change(local ?? options.initial(nowMs), nowMs);
      if (outcome.store) local = outcome.store;
      return outcome.result;
    }
  }

  function serially<T>(step: () => T | Promise<T>): Promise<T> {
    const run = chain.then(step, step);
    chain = run.catch(() => undefined);
    return run;
  }

  return { updateNow, serially, update: (change) => serially(() => updateNow(change)) };
}
