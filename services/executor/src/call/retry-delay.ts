/** Backoff settings of the retry loop. */
export interface BackoffPolicy {
  readonly retryInitialDelayMs: number;
  readonly retryMaxDelayMs: number;
}

/**
 * Delay before retry number `retry` (1 for the first retry): exponential backoff with "equal
 * jitter" (half fixed, half random, so replicas that failed together do not retry together),
 * and never shorter than the provider's Retry-After.
 */
export function retryDelayMs(retry: number, retryAfterMs: number | undefined, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.retryMaxDelayMs, policy.retryInitialDelayMs * 2 ** (retry - 1));
  const backoff = ceiling / 2 + random() * (ceiling / 2);
  return Math.max(backoff, retryAfterMs ?? 0);
}
