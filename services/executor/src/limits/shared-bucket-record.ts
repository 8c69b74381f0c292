import { create } from "@bufbuild/protobuf";
import { RateBucketRecordSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { RateBucketRecord } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { Logger } from "@switchyard/runtime";
import type { KeyValueStore } from "../coordination/key-value-store.js";
import { modelKey } from "../coordination/key-value-store.js";
import { createSharedRecord } from "../coordination/shared-record.js";
import type { RecordChange } from "../coordination/shared-record.js";
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
 * The KV record holding a model's RPM and TPM buckets, refilled to now whenever it is read: a
 * SharedRecord (so it falls back to a record of this replica's own while the store is unreachable).
 */
export function createSharedBucketRecord(options: SharedBucketOptions): SharedBucketRecord {
  const { requests, tokens } = options;
  const full = (nowMs: number): RateBucketRecord =>
    create(RateBucketRecordSchema, { requests: finite(requests.perMinute), tokens: finite(tokens.perMinute), updatedAtMs: BigInt(nowMs) });
  const record = createSharedRecord({
    key: modelKey("rate", options.model),
    schema: RateBucketRecordSchema,
    initial: full,
    store: options.store,
    nowMs: options.nowMs,
    logger: options.logger,
    label: `shared rate limits of ${options.model}`,
  });
  const levelOf = (bucket: BucketShape, level: number, atMs: number, nowMs: number): BucketLevel =>
    Number.isFinite(bucket.perMinute) ? refill(bucket, { level, atMs }, nowMs) : { level: Infinity, atMs: nowMs };
  const onLevels =
    <T>(change: BucketChange<T>): RecordChange<RateBucketRecord, T> =>
    (stored, nowMs) => {
      const atMs = Number(stored.updatedAtMs);
      const outcome = change({ requests: levelOf(requests, stored.requests, atMs, nowMs), tokens: levelOf(tokens, stored.tokens, atMs, nowMs), nowMs });
      if (!outcome.store) return { result: outcome.result };
      const levels = { requests: finite(outcome.store.requests), tokens: finite(outcome.store.tokens), updatedAtMs: BigInt(nowMs) };
      return { store: create(RateBucketRecordSchema, levels), result: outcome.result };
    };
  return {
    serially: (step) => record.serially(step),
    updateNow: (change) => record.updateNow(onLevels(change)),
    update: (change) => record.update(onLevels(change)),
  };
}

/** Unlimited buckets are stored as 0 and never consulted. */
export function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
