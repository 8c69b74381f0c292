import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { RateBucketRecordSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { RateBucketRecord } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { Logger } from "@switchyard/runtime";
import type { KeyValueStore } from "../coordination/key-value-store.js";
import { modelKey } from "../coordination/key-value-store.js";
import type { BucketLevel, BucketShape } from "./token-bucket.js";
import { msUntilAvailable, refill } from "./token-bucket.js";

/** A model deployment's per-minute limits; absent means unlimited. */
export interface RateLimits {
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

/** Outcome of asking for room to make one call. */
export type RateDecision =
  | { readonly allowed: true; readonly tokensTaken: number }
  | { readonly allowed: false; readonly retryAfterMs: number; readonly limit: "requests" | "tokens" };

/** What is left in the buckets now (for ListModels). */
export interface RateRemaining {
  readonly requests: number;
  readonly tokens: number;
}

/** Per-deployment RPM and TPM limits. */
export interface RateLimiter {
  /** Takes one request and `estimatedTokens` tokens, or says how long until they are there. */
  acquire(estimatedTokens: number): Promise<RateDecision>;
  /** Corrects the token bucket once the real usage is known (a refund or a debt). */
  settle(tokensTaken: number, tokensUsed: number): Promise<void>;
  remaining(): Promise<RateRemaining>;
}

const maxConflicts = 16;

/** Settings of a shared limiter. */
export interface SharedRateLimiterOptions {
  readonly model: string;
  readonly limits: RateLimits;
  readonly store: KeyValueStore;
  readonly nowMs: () => number;
  readonly logger: Logger;
}

/**
 * RPM and TPM token buckets shared by every executor replica through the KeyValueStore, updated
 * by compare-and-set, so N replicas together admit the limit and not N times it. If the store is
 * unreachable (NATS down) the replica falls back to a bucket of its own, logs it, and returns to
 * the shared one when the store answers again: calls go on, at worst at replicas x the limit.
 */
export function createSharedRateLimiter(options: SharedRateLimiterOptions): RateLimiter {
  const key = modelKey("rate", options.model);
  const requests: BucketShape = { perMinute: options.limits.requestsPerMinute ?? Infinity };
  const tokens: BucketShape = { perMinute: options.limits.tokensPerMinute ?? Infinity };
  let local: RateBucketRecord | undefined;
  let degraded = false;

  const full = (nowMs: number): RateBucketRecord =>
    create(RateBucketRecordSchema, { requests: finite(requests.perMinute), tokens: finite(tokens.perMinute), updatedAtMs: BigInt(nowMs) });
  const levelOf = (bucket: BucketShape, level: number, atMs: number, nowMs: number): BucketLevel =>
    Number.isFinite(bucket.perMinute) ? refill(bucket, { level, atMs }, nowMs) : { level: Infinity, atMs: nowMs };
  const levels = (record: RateBucketRecord, nowMs: number): [BucketLevel, BucketLevel] => [
    levelOf(requests, record.requests, Number(record.updatedAtMs), nowMs),
    levelOf(tokens, record.tokens, Number(record.updatedAtMs), nowMs),
  ];

  /** Applies `change` to the current record until a compare-and-set wins; the store's failures fall back to the local record. */
  async function update<T>(change: (record: RateBucketRecord, nowMs: number) => { record?: RateBucketRecord; result: T }): Promise<T> {
    try {
      for (let conflict = 0; conflict < maxConflicts; conflict += 1) {
        const stored = await options.store.get(key);
        const nowMs = options.nowMs();
        const outcome = change(stored ? fromBinary(RateBucketRecordSchema, stored.value) : full(nowMs), nowMs);
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
      const outcome = change(local ?? full(nowMs), nowMs);
      if (outcome.record) local = outcome.record;
      return outcome.result;
    }
  }

  return {
    acquire(estimatedTokens) {
      return update<RateDecision>((record, nowMs) => {
        const [requestLevel, tokenLevel] = levels(record, nowMs);
        const requestWait = msUntilAvailable(requests, requestLevel, 1);
        const tokenWait = msUntilAvailable(tokens, tokenLevel, estimatedTokens);
        if (requestWait > 0 || tokenWait > 0) {
          return { result: { allowed: false, retryAfterMs: Math.max(requestWait, tokenWait), limit: requestWait >= tokenWait ? "requests" : "tokens" } };
        }
        const taken = Math.min(estimatedTokens, finite(tokens.perMinute));
        return {
          record: create(RateBucketRecordSchema, { requests: finite(requestLevel.level - 1), tokens: finite(tokenLevel.level - taken), updatedAtMs: BigInt(nowMs) }),
          result: { allowed: true, tokensTaken: taken },
        };
      });
    },
    async settle(tokensTaken, tokensUsed) {
      if (tokens.perMinute === Infinity || tokensTaken === tokensUsed) return;
      await update((record, nowMs) => {
        const [requestLevel, tokenLevel] = levels(record, nowMs);
        const next = Math.min(finite(tokens.perMinute), tokenLevel.level + tokensTaken - tokensUsed);
        return { record: create(RateBucketRecordSchema, { requests: finite(requestLevel.level), tokens: next, updatedAtMs: BigInt(nowMs) }), result: undefined };
      });
    },
    remaining() {
      return update<RateRemaining>((record, nowMs) => {
        const [requestLevel, tokenLevel] = levels(record, nowMs);
        return { result: { requests: Math.max(0, Math.floor(finite(requestLevel.level))), tokens: Math.max(0, Math.floor(finite(tokenLevel.level))) } };
      });
    },
  };
}

/** Unlimited buckets are stored as 0 and never consulted. */
function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/** The limiter of a deployment without RPM or TPM limits: always allows, costs nothing. */
export const unlimitedRateLimiter: RateLimiter = {
  acquire: async (estimatedTokens) => ({ allowed: true, tokensTaken: estimatedTokens }),
  settle: async () => {},
  remaining: async () => ({ requests: 0, tokens: 0 }),
};
