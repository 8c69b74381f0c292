import { Kvm } from "@nats-io/kv";
import type { KV } from "@nats-io/kv";
import { jetstream } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { KeyValueStore } from "./key-value-store.js";

/** The JetStream KV bucket executor replicas share (rate buckets, breaker records). */
export const coordinationBucket = "switchyard_executor";

/** Options of the NATS-backed store. */
export interface NatsKeyValueStoreOptions {
  /** How long one KV operation may take before it fails (the caller then falls back). */
  readonly timeoutMs: number;
  readonly replicas: number;
  /** False while the connection is down: operations then fail at once instead of waiting out `timeoutMs`. */
  readonly isConnected: () => boolean;
}

/**
 * KeyValueStore on a JetStream KV bucket (history 1: only the current value matters). Works on
 * nats-server 2.9: one watch filter per watcher, no per-key TTL.
 */
export async function createNatsKeyValueStore(connection: NatsConnection, options: NatsKeyValueStoreOptions): Promise<KeyValueStore> {
  const kv: KV = await new Kvm(jetstream(connection, { timeout: options.timeoutMs })).create(coordinationBucket, {
    history: 1,
    replicas: options.replicas,
    timeout: options.timeoutMs,
  });
  const connected = (): void => {
    if (!options.isConnected()) throw new Error("NATS is not connected");
  };
  return {
    async get(key) {
      connected();
      const entry = await kv.get(key);
      return entry && entry.operation === "PUT" ? { value: entry.value, revision: entry.revision } : undefined;
    },
    async compareAndSet(key, value, revision) {
      connected();
      try {
        return revision === 0 ? await kv.create(key, value) : await kv.update(key, value, revision);
      } catch (error) {
        if (isRevisionConflict(error)) return undefined;
        throw error;
      }
    },
    async watch(prefix, onChange) {
      const updates = await kv.watch({ key: `${prefix}.>` });
      void (async () => {
        for await (const entry of updates) {
          if (entry.operation === "PUT") onChange(entry.key, { value: entry.value, revision: entry.revision });
        }
      })();
      return () => updates.stop();
    },
  };
}

/** JetStream's "wrong last sequence" (update) and "key exists" (create) both mean another writer won. */
function isRevisionConflict(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /wrong last sequence|key exists/i.test(message);
}
