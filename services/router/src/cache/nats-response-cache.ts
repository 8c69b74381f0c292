import { randomUUID } from "node:crypto";
import { toBinary } from "@bufbuild/protobuf";
import { jetstream } from "@nats-io/jetstream";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { costSubject } from "@switchyard/runtime";
import type { Logger, NatsLink } from "@switchyard/runtime";
import type { TenantCacheDefault } from "./cache-policy.js";
import { createNatsResponseStore } from "./nats-response-store.js";
import type { ResponseCache } from "./response-cache.js";
import { createResponseCache } from "./response-cache.js";

/** The router's cache settings (environment and tenants' defaults). */
export interface NatsResponseCacheOptions {
  readonly replicas: number;
  readonly defaultTtlSeconds: number;
  readonly maxTtlSeconds: number;
  readonly timeoutMs: number;
  readonly tenants: Readonly<Record<string, { readonly cache?: TenantCacheDefault | undefined }>>;
  readonly logger: Logger;
}

/**
 * The production cache: answers in the shared KV bucket, and each hit's zero-cost event on the
 * tenant's cost subject with Nats-Msg-Id = its attempt id, as the executor publishes attempts.
 */
export async function createNatsResponseCache(nats: NatsLink, options: NatsResponseCacheOptions): Promise<ResponseCache> {
  const store = await createNatsResponseStore(nats.connection, {
    maxTtlSeconds: options.maxTtlSeconds,
    replicas: options.replicas,
    timeoutMs: options.timeoutMs,
    now: Date.now,
  });
  const stream = jetstream(nats.connection, { timeout: options.timeoutMs });
  return createResponseCache({
    store,
    publish: async (event) => {
      await stream.publish(costSubject(event.tenant), toBinary(CostEventSchema, event), { msgID: event.eventId });
    },
    tenantDefaults: (tenant) => options.tenants[tenant]?.cache,
    limits: { defaultTtlSeconds: options.defaultTtlSeconds, maxTtlSeconds: options.maxTtlSeconds },
    now: Date.now,
    newId: randomUUID,
    logger: options.logger,
  });
}
