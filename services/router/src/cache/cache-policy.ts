import type { CompleteRequest } from "@switchyard/contracts/switchyard/v1/router_pb";

/** A tenant's default, from `tenants.<name>.cache` in the configuration. */
export interface TenantCacheDefault {
  readonly enabled: boolean;
  readonly ttlSeconds?: number | undefined;
}

/** TTL settings of the router. */
export interface CacheLimits {
  readonly defaultTtlSeconds: number;
  readonly maxTtlSeconds: number;
}

/**
 * Whether this request uses the cache, and for how long its answer is kept: the request's own
 * `cache` option first, the tenant's default otherwise. A sampled request (temperature > 0)
 * never does unless it sets `allow_sampled`: two calls are supposed to differ. Returns the TTL
 * in seconds, or undefined for no cache.
 */
export function cacheTtlSeconds(request: CompleteRequest, tenantDefault: TenantCacheDefault | undefined, limits: CacheLimits): number | undefined {
  const option = request.cache;
  const enabled = option ? option.enabled : (tenantDefault?.enabled ?? false);
  if (!enabled) return undefined;
  const sampled = (request.params?.temperature ?? 0) > 0;
  if (sampled && !option?.allowSampled) return undefined;
  const ttl = (option?.ttlSeconds || tenantDefault?.ttlSeconds) ?? limits.defaultTtlSeconds;
  return Math.min(ttl, limits.maxTtlSeconds);
}
