import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { RateBucketRecordSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { RateBucketRecord } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { Logger } from "@switchyard/runtime";
import type { KeyValueStore } from "../coordination/key-value-store.js";
import { modelKey } from "../coordination/key-value-store.js";
import type { BucketLevel, BucketShape } from "./token-bucket.js";
import { refill } from "./token-bucket.js";

/** The shared RPM and TPM buckets of one model as a change sees them, refilled to now. */
export interface SharedLevels {
  readonly requests: BucketLevel;
  readonly tokens: BucketLevel;
  readonly nowMs: number;
}

/** A change to the shared buckets: the levels to store (none: read only) and what the caller learns. */
export type BucketChange<T> = (levels: SharedLevels) => { readonly store?: { readonly requests: number; readonly tokens: number }; readonly result: T };

/** One model's shared bucket record. */
export interface SharedBucketRecord {
  /**
   * Applies `change` by compare-and-set, one change of this replica at a time (so its own calls
   * never race each other; only other replicas can make a write conflict), retried on conflicts.
   */
  update<T>(change: BucketChange<T>): Promise<T>;
  /** Runs `step` in the same one-at-a-time order without touching the store (it may call `updateNow`). */
  serially<T>(step: () => T | Promise<T>): Promise<T>;
  /** `update` for use inside a `serially` step. */
  updateNow<T>(change: BucketChange<T>): Promise<T>;
}

const maxConflicts = 16;

/** Settings of a shared bucket record. */
export interface SharedBucketOptions {
  readonly model: string;
  readonly requests: BucketShape;
  readonly tokens: BucketShape;
  readonly store: KeyValueStore;
  readonly nowMs: () => number;
  readonly logger: Logger;
}

/**
 * The KV record holding a model's RPM and TPM buckets. If the store is unreachable (NATS down)
 * changes go to a record of this replica's own, logged once, until the store answers again.
 */
export function createSharedBucketRecord(options: SharedBucketOptions): SharedBucketRecord {
  const key = modelKey("rate", options.model);
  const { requests, tokens } = options;
  let local: RateBucketRecord | undefined;
  let degraded = false;
  let chain: Promise<unknown> = Promise.resolve();

  const full = (nowMs: number): RateBucketRecord =>
    create(RateBucketRecordSchema, { requests: finite(requests.perMinute), tokens: finite(tokens.perMinute), updatedAtMs: BigInt(nowMs) });
  const levelOf = (bucket: BucketShape, level: number, atMs: number, nowMs: number): BucketLevel =>
    Number.isFinite(bucket.perMinute) ? refill(bucket, { level, atMs }, nowMs) : { level: Infinity, atMs: nowMs };
  const apply = <T>(change: BucketChange<T>, stored: RateBucketRecord, nowMs: number): { record?: RateBucketRecord; result: T } => {
    const atMs = Number(stored.updatedAtMs);
    const outcome = change({ requests: levelOf(requests, stored.requests, atMs, nowMs), tokens: levelOf(tokens, stored.tokens, atMs, nowMs), nowMs });
    if (!outcome.store) return { result: outcome.result };
    const record = create(RateBucketRecordSchema, {
      requests: finite(outcome.store.requests),
      tokens: finite(outcome.store.tokens),
      updatedAtMs: BigInt(nowMs),
    });
    return { record, result: outcome.result };
  };

  async function updateNow<T>(change: BucketChange<T>): Promise<T> {
    try {
      for (let conflict = 0; conflict < maxConflicts; conflict += 1) {
        const stored = await options.store.get(key);
        const nowMs = options.nowMs();
        const outcome = apply(change, stored ? fromBinary(RateBucketRecordSchema, stored.value) : full(nowMs), nowMs);
        if (!outcome.record) return outcome.result;
        if ((await options.store.compareAndSet(key, toBinary(RateBucketRecordSchema, outcome.record), stored?.revision ?? 0)) !== undefined) {
          if (degraded) options.logger.info({ model: options.model }, "shared rate limits reachable again");
          degraded = false;
          return outcome.result;
        }
      }
      throw new Error(`rate bucket of ${options.model} kept changing under ${maxConflicts} attempts`);
    } catch (error) {
      if (!degraded) options.logger.warn({ err: error, model: options.model }, "shared rate limits unreachable; limiting this replica on its own");
      degraded = true;
      const nowMs = options.nowMs();
      const outcome = apply(change, local ?? full(nowMs), nowMs);
      if (outcome.record) local = outcome.record;
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

/** Unlimited buckets are stored as 0 and never consulted. */
export function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
