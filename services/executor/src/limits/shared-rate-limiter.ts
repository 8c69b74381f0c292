import type { Logger } from "@switchyard/runtime";
import type { KeyValueStore } from "../coordination/key-value-store.js";
import type { Lease, LeaseSizing } from "./rate-lease.js";
import { defaultLeaseSizing, leasable, leaseChunk } from "./rate-lease.js";
import { createSharedBucketRecord, finite } from "./shared-bucket-record.js";
import type { SharedLevels } from "./shared-bucket-record.js";
import type { BucketShape } from "./token-bucket.js";
import { msUntilAvailable } from "./token-bucket.js";

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
  /** Gives what this replica holds back to the shared buckets (shutdown). */
  close(): Promise<void>;
}

/** A decision taken on the shared buckets, with the lease chunk taken along. */
type SharedDecision = Exclude<RateDecision, { readonly allowed: true }> | { readonly allowed: true; readonly tokensTaken: number; readonly moved: Lease };

/** Settings of a shared limiter. */
export interface SharedRateLimiterOptions {
  readonly model: string;
  readonly limits: RateLimits;
  readonly store: KeyValueStore;
  readonly nowMs: () => number;
  readonly logger: Logger;
  readonly leaseSizing?: LeaseSizing;
  /** A lease unused this long goes back to the shared buckets (default 2,000 ms). */
  readonly leaseIdleMs?: number;
}

/**
 * RPM and TPM token buckets shared by every executor replica through the KeyValueStore, updated
 * by compare-and-set, so N replicas together admit the limit and not N times it. A replica takes
 * its room in leases: one chunk of each limit (5%) taken from the shared buckets when its lease
 * runs below half a chunk, in the background, given back (capped at the capacity) after
 * `leaseIdleMs` unused or on close. Most calls are then admitted from local state with no store
 * round trip; a call the lease cannot cover, every call near the end of a bucket (under five
 * chunks left) and every call of a limit too small to lease take their room from the store
 * exactly. Every unit spent was first taken from the shared bucket, so replicas together never
 * admit more than the one bucket would; what leases cost is room parked on a replica (at most
 * 1.5 chunks each) until it is used or given back. If the store is unreachable each replica
 * limits on its own (see SharedBucketRecord): calls go on, at worst at replicas x the limit.
 */
export function createSharedRateLimiter(options: SharedRateLimiterOptions): RateLimiter {
  const requests: BucketShape = { perMinute: options.limits.requestsPerMinute ?? Infinity };
  const tokens: BucketShape = { perMinute: options.limits.tokensPerMinute ?? Infinity };
  const shared = createSharedBucketRecord({ model: options.model, requests, tokens, store: options.store, nowMs: options.nowMs, logger: options.logger });
  const sizing = options.leaseSizing ?? defaultLeaseSizing;
  const chunk = { requests: leaseChunk(requests.perMinute, sizing.minRequests, sizing), tokens: leaseChunk(tokens.perMinute, sizing.minTokens, sizing) };
  // Leases only when every limit this deployment has is large enough to lease.
  const leasing = (chunk.requests > 0 || !Number.isFinite(requests.perMinute)) && (chunk.tokens > 0 || !Number.isFinite(tokens.perMinute));
  const lease: Lease = { requests: 0, tokens: 0 };
  const idleMs = options.leaseIdleMs ?? 2_000;
  let topUp: Promise<void> | undefined;
  let lastUsedMs = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  const fitsLease = (estimatedTokens: number): boolean =>
    leasing && (!Number.isFinite(requests.perMinute) || lease.requests >= 1) && (!Number.isFinite(tokens.perMinute) || lease.tokens >= estimatedTokens);
  const leaseLow = (): boolean =>
    (Number.isFinite(requests.perMinute) && lease.requests < chunk.requests / 2) || (Number.isFinite(tokens.perMinute) && lease.tokens < chunk.tokens / 2);
  /** One chunk of each limit while the buckets, after `request` is taken, keep five for the others. */
  const chunksAfter = (levels: SharedLevels, request: Lease): Lease => ({
    requests: leasable(levels.requests.level - request.requests, chunk.requests),
    tokens: leasable(levels.tokens.level - request.tokens, chunk.tokens),
  });

  function addToLease(moved: Lease): void {
    lease.requests += moved.requests;
    lease.tokens += moved.tokens;
    armIdleReturn();
  }

  /** Tops the lease up in the background (one top-up at a time) when it runs low. */
  function topUpAhead(): void {
    if (!leasing || topUp || !leaseLow()) return;
    topUp = shared
      .update((levels) => {
        const moved = chunksAfter(levels, { requests: 0, tokens: 0 });
        if (moved.requests === 0 && moved.tokens === 0) return { result: moved };
        return { store: { requests: levels.requests.level - moved.requests, tokens: levels.tokens.level - moved.tokens }, result: moved };
      })
      .then(addToLease)
      .finally(() => (topUp = undefined));
  }

  /** Gives the lease back once it has gone unused for `idleMs` (one timer per idle period, none per call). */
  function armIdleReturn(): void {
    if (idleTimer || (lease.requests === 0 && lease.tokens === 0)) return;
    idleTimer = setTimeout(
      () => {
        idleTimer = undefined;
        if (options.nowMs() - lastUsedMs >= idleMs) void giveBack();
        else armIdleReturn();
      },
      Math.max(1, idleMs - (options.nowMs() - lastUsedMs)),
    );
    idleTimer.unref();
  }

  function giveBack(): Promise<void> {
    return shared.serially(async () => {
      const held = { requests: lease.requests, tokens: lease.tokens };
      if (held.requests === 0 && held.tokens === 0) return;
      lease.requests -= held.requests;
      lease.tokens -= held.tokens;
      await shared.updateNow((levels) => ({
        store: {
          requests: Math.min(requests.perMinute, levels.requests.level + held.requests),
          tokens: Math.min(tokens.perMinute, levels.tokens.level + held.tokens),
        },
        result: undefined,
      }));
    });
  }

  function takeFromLease(estimatedTokens: number): RateDecision {
    const taken = Math.min(estimatedTokens, finite(tokens.perMinute));
    if (Number.isFinite(requests.perMinute)) lease.requests -= 1;
    if (Number.isFinite(tokens.perMinute)) lease.tokens -= taken;
    topUpAhead();
    armIdleReturn();
    return { allowed: true, tokensTaken: taken };
  }

  /**
   * A call the lease does not cover: in this replica's turn (its calls never race each other on
   * the store), from the lease if an earlier turn filled it, else exactly from the shared buckets,
   * taking a lease chunk along while they have room for it.
   */
  function acquireShared(estimatedTokens: number): Promise<RateDecision> {
    return shared.serially(async (): Promise<RateDecision> => {
      if (fitsLease(estimatedTokens)) return takeFromLease(estimatedTokens);
      const taken = Math.min(estimatedTokens, finite(tokens.perMinute));
      const decision = await shared.updateNow<SharedDecision>((levels) => {
        const requestWait = msUntilAvailable(requests, levels.requests, 1);
        const tokenWait = msUntilAvailable(tokens, levels.tokens, estimatedTokens);
        if (requestWait > 0 || tokenWait > 0) {
          return { result: { allowed: false, retryAfterMs: Math.max(requestWait, tokenWait), limit: requestWait >= tokenWait ? "requests" : "tokens" } };
        }
        const moved = leasing && leaseLow() ? chunksAfter(levels, { requests: 1, tokens: taken }) : { requests: 0, tokens: 0 };
        return {
          store: { requests: levels.requests.level - 1 - moved.requests, tokens: levels.tokens.level - taken - moved.tokens },
          result: { allowed: true, tokensTaken: taken, moved },
        };
      });
      if (!decision.allowed) return decision;
      addToLease(decision.moved);
      return { allowed: true, tokensTaken: decision.tokensTaken };
    });
  }

  return {
    async acquire(estimatedTokens) {
      lastUsedMs = options.nowMs();
      return fitsLease(estimatedTokens) ? takeFromLease(estimatedTokens) : acquireShared(estimatedTokens);
    },
    async settle(tokensTaken, tokensUsed) {
      if (tokens.perMinute === Infinity || tokensTaken === tokensUsed) return;
      if (leasing) {
        // A refund stays in the lease; a debt is paid from it (a negative lease is covered by the next chunk or the return).
        lease.tokens += tokensTaken - tokensUsed;
        armIdleReturn();
        return;
      }
      await shared.update((levels) => ({
        store: { requests: levels.requests.level, tokens: Math.min(finite(tokens.perMinute), levels.tokens.level + tokensTaken - tokensUsed) },
        result: undefined,
      }));
    },
    remaining() {
      return shared.update<RateRemaining>((levels) => ({
        result: {
          requests: Math.max(0, Math.floor(finite(levels.requests.level) + lease.requests)),
          tokens: Math.max(0, Math.floor(finite(levels.tokens.level) + lease.tokens)),
        },
      }));
    },
    async close() {
      clearTimeout(idleTimer);
      idleTimer = undefined;
      await giveBack();
    },
  };
}

/** The limiter of a deployment without RPM or TPM limits: always allows, costs nothing. */
export const unlimitedRateLimiter: RateLimiter = {
  acquire: async (estimatedTokens) => ({ allowed: true, tokensTaken: estimatedTokens }),
  settle: async () => {},
  remaining: async () => ({ requests: 0, tokens: 0 }),
  close: async () => {},
};
