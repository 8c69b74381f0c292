/**
 * How much of a limit one replica may hold as a lease: `share` of it per top-up, and none at
 * all when that is under the minimum (a small limit is enforced exactly, per request, because a
 * lease would park a large part of it on one replica).
 */
export interface LeaseSizing {
  /** Share of each per-minute limit taken per top-up (default 0.05). */
  readonly share: number;
  readonly minRequests: number;
  readonly minTokens: number;
}

export const defaultLeaseSizing: LeaseSizing = { share: 0.05, minRequests: 5, minTokens: 500 };

/** How many of a bucket's units one top-up takes; 0 when leasing is off for that limit. */
export function leaseChunk(perMinute: number, minimum: number, sizing: LeaseSizing): number {
  if (!Number.isFinite(perMinute) || sizing.share <= 0) return 0;
  const chunk = Math.floor(perMinute * sizing.share);
  return chunk >= minimum ? chunk : 0;
}

/**
 * What a top-up may take from a shared bucket that will hold `levelAfter` once the current
 * request is taken: one chunk, but only while at least four more stay in the bucket for the
 * other replicas. Near the end of the bucket nothing is leased and each request is exact.
 */
export function leasable(levelAfter: number, chunk: number): number {
  return chunk > 0 && levelAfter >= 5 * chunk ? chunk : 0;
}

/** Units a replica has taken from the shared buckets and not spent (tokens may be negative: a debt). */
export interface Lease {
  requests: number;
  tokens: number;
}
