import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";

/** Options of the idempotency cache. */
export interface IdempotencyOptions {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly now?: () => number;
}

/**
 * Remembers the outcome of requests that carried an idempotency key, per tenant, so that a
 * client retrying after a timeout gets the first answer instead of paying twice. A repeat that
 * arrives while the first is still running waits for it. Failed requests are forgotten (a retry
 * runs again). Kept per router replica: a retry that lands on another replica runs again.
 */
export class IdempotencyCache {
  readonly #entries = new Map<string, { readonly expires: number; readonly result: Promise<CompleteResponse> }>();
  readonly #options: IdempotencyOptions;

  constructor(options: IdempotencyOptions) {
    this.#options = options;
  }

  /** The cached (or in-flight) result for the key, or the result of running `compute` once. */
  run(tenant: string, key: string, compute: () => Promise<CompleteResponse>): Promise<CompleteResponse> {
    const now = this.#options.now?.() ?? Date.now();
    const id = `${tenant}\u0000${key}`;
    const existing = this.#entries.get(id);
    if (existing && existing.expires > now) return existing.result;
    const result = compute();
    this.#entries.set(id, { expires: now + this.#options.ttlMs, result });
    result.catch(() => this.#entries.delete(id));
    this.#evict(now);
    return result;
  }

  #evict(now: number): void {
    for (const [id, entry] of this.#entries) {
      if (this.#entries.size <= this.#options.maxEntries && entry.expires > now) break;
      this.#entries.delete(id);
    }
  }
}
