/** A bucket's level at a moment. */
export interface BucketLevel {
  readonly level: number;
  readonly atMs: number;
}

/**
 * A per-minute token bucket: it holds at most one minute's allowance and refills continuously
 * at that rate, so a burst of the full allowance is allowed once and then the steady rate.
 */
export interface BucketShape {
  readonly perMinute: number;
}

/** The level at `nowMs` after refilling since the last update (capped at the capacity). */
export function refill(bucket: BucketShape, state: BucketLevel, nowMs: number): BucketLevel {
  const elapsed = Math.max(0, nowMs - state.atMs);
  return { level: Math.min(bucket.perMinute, state.level + (elapsed * bucket.perMinute) / 60_000), atMs: nowMs };
}

/**
 * Milliseconds until the bucket holds `amount` (0 if it already does). A call larger than the
 * whole bucket waits for a full bucket and then takes it, rather than never running.
 */
export function msUntilAvailable(bucket: BucketShape, state: BucketLevel, amount: number): number {
  const needed = Math.min(amount, bucket.perMinute) - state.level;
  return needed <= 0 ? 0 : Math.ceil((needed * 60_000) / bucket.perMinute);
}
