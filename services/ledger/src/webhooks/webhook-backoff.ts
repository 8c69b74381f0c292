/** Retry pacing of webhook deliveries. */
export interface WebhookBackoff {
  readonly minMs: number;
  readonly maxMs: number;
}

/**
 * Delay before delivery attempt `attempt + 1` after `attempt` failed: exponential (min, 2 min,
 * 4 min, ... up to max) with "equal jitter" (half fixed, half random), so receivers that come
 * back are not hit by every ledger's retries at the same instant, yet retries never bunch up
 * at zero. `random` is injectable for tests.
 */
export function webhookRetryDelayMs(attempt: number, backoff: WebhookBackoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.minMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
