import { jetstream } from "@nats-io/jetstream";
import { Kvm } from "@nats-io/kv";
import type { NatsConnection } from "@nats-io/transport-node";
import type { CachedAnswer, ResponseStore } from "./response-store.js";
import { decodeAnswer, encodeAnswer } from "./response-store.js";

/** The JetStream KV bucket router replicas share cached answers through. */
export const responseCacheBucket = "switchyard_response_cache";

/** How long creating the bucket may take at start-up (a loaded 3-node cluster takes seconds). */
const startupTimeoutMs = 30_000;

/** Settings of the bucket. */
export interface NatsResponseStoreOptions {
  /** Entries older than this are dropped by the bucket itself (the longest TTL a request may ask). */
  readonly maxTtlSeconds: number;
  readonly replicas: number;
  /** How long one KV operation may take before the request goes on without the cache. */
  readonly timeoutMs: number;
  readonly now: () => number;
}

/**
 * A ResponseStore on a JetStream KV bucket with history 1 and a bucket-wide age limit; each
 * entry also carries its own expiry, checked on read, so a request's shorter TTL holds.
 */
export async function createNatsResponseStore(connection: NatsConnection, options: NatsResponseStoreOptions): Promise<ResponseStore> {
  // Creating a replicated bucket waits for the cluster's meta leader: give it the start-up
  // timeout, then bind the bucket for reads and writes that give up after `timeoutMs`.
  const created = await new Kvm(jetstream(connection, { timeout: startupTimeoutMs })).create(responseCacheBucket, {
    history: 1,
    ttl: options.maxTtlSeconds * 1000,
    replicas: options.replicas,
  });
  const { streamInfo } = await created.status();
  const kv = await new Kvm(jetstream(connection, { timeout: options.timeoutMs })).open(responseCacheBucket, {
    allow_direct: streamInfo.config.allow_direct ?? false,
  });
  return {
    async get(key) {
      const entry = await kv.get(key);
      if (!entry || entry.operation !== "PUT") return undefined;
      const answer = decodeAnswer(entry.value);
      return answer && answer.expiresAtMs > options.now() ? answer : undefined;
    },
    async put(key: string, answer: CachedAnswer) {
      await kv.put(key, encodeAnswer(answer));
    },
  };
}
