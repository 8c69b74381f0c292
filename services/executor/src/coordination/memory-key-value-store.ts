import type { KeyValueStore, VersionedValue } from "./key-value-store.js";

/**
 * A KeyValueStore in memory, with the same compare-and-set and watch semantics as JetStream
 * KV. Unit tests use it; so does an executor started without NATS coordination (one replica).
 */
export function createMemoryKeyValueStore(): KeyValueStore {
  const entries = new Map<string, VersionedValue>();
  const watchers = new Set<{ prefix: string; onChange: (key: string, value: VersionedValue) => void }>();
  let sequence = 0;
  return {
    async get(key) {
      return entries.get(key);
    },
    async compareAndSet(key, value, revision) {
      if ((entries.get(key)?.revision ?? 0) !== revision) return undefined;
      const stored = { value, revision: ++sequence };
      entries.set(key, stored);
      for (const watcher of watchers) if (key.startsWith(`${watcher.prefix}.`)) watcher.onChange(key, stored);
      return stored.revision;
    },
    async watch(prefix, onChange) {
      for (const [key, value] of entries) if (key.startsWith(`${prefix}.`)) onChange(key, value);
      const watcher = { prefix, onChange };
      watchers.add(watcher);
      return () => void watchers.delete(watcher);
    },
  };
}
