import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CompleteRequest, CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { Logger } from "@switchyard/runtime";
import { cacheKey } from "./cache-key.js";
import { cacheTtlSeconds } from "./cache-policy.js";
import type { CacheLimits, TenantCacheDefault } from "./cache-policy.js";
import { hitCostEvent, hitResponse } from "./cache-hit.js";
import type { HitCaller } from "./cache-hit.js";
import type { ResponseStore } from "./response-store.js";

/** What the cache needs; main.ts wires the KV store and the JetStream publisher. */
export interface ResponseCacheDeps {
  readonly store: ResponseStore;
  /** Sends a hit's cost event to the COSTS stream (the ledger books it). */
  readonly publish: (event: CostEvent) => Promise<void>;
  readonly tenantDefaults: (tenant: string) => TenantCacheDefault | undefined;
  readonly limits: CacheLimits;
  readonly now: () => number;
  readonly newId: () => string;
  readonly logger: Logger;
}

/** One request's view of the cache: a hit to serve, or where to store the answer once it exists. */
export type CacheLookup =
  | { readonly kind: "off" }
  | { readonly kind: "hit"; readonly response: CompleteResponse }
  | { readonly kind: "miss"; readonly store: (response: CompleteResponse) => Promise<void> };

/** The response cache around whole requests (unary and streamed alike). */
export interface ResponseCache {
  lookup(request: CompleteRequest, caller: HitCaller, started: number): Promise<CacheLookup>;
}

/**
 * A cache that never fails a request: a store that does not answer is a miss, an answer that
 * cannot be stored is logged, and a hit's cost event is published behind the response.
 */
export function createResponseCache(deps: ResponseCacheDeps): ResponseCache {
  return {
    async lookup(request, caller, started) {
      const ttlSeconds = cacheTtlSeconds(request, deps.tenantDefaults(caller.tenant), deps.limits);
      if (ttlSeconds === undefined) return { kind: "off" };
      const key = cacheKey(caller.tenant, request);
      const stored = await deps.store.get(key).catch((error: unknown) => {
        deps.logger.warn({ err: error }, "response cache lookup failed: treated as a miss");
        return undefined;
      });
      if (stored) {
        const response = hitResponse(stored.response, caller, deps.newId(), performance.now() - started);
        deps.publish(hitCostEvent(request, response, caller, deps.now())).catch((error: unknown) => {
          deps.logger.warn({ err: error, requestId: caller.requestId }, "cache-hit cost event not published");
        });
        return { kind: "hit", response };
      }
      const store = async (response: CompleteResponse): Promise<void> => {
        const storedAtMs = deps.now();
        await deps.store.put(key, { response, storedAtMs, expiresAtMs: storedAtMs + ttlSeconds * 1000 }).catch((error: unknown) => {
          deps.logger.warn({ err: error }, "response cache store failed");
        });
      };
      return { kind: "miss", store };
    },
  };
}
