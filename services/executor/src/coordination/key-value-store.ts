/** A value with the revision it was stored at. */
export interface VersionedValue {
  readonly value: Uint8Array;
  readonly revision: number;
}

/**
 * The shared state executor replicas coordinate through: JetStream KV in production, memory in
 * unit tests. Writes are compare-and-set on a revision, so two replicas that race on a token
 * bucket or a breaker never both win.
 */
export interface KeyValueStore {
  get(key: string): Promise<VersionedValue | undefined>;
  /**
   * Stores `value` if the key is still at `revision` (0: the key must not exist). Resolves the
   * new revision, or undefined when another writer got there first.
   */
  compareAndSet(key: string, value: Uint8Array, revision: number): Promise<number | undefined>;
  /** Calls `onChange` with the current value of every key under `prefix`, then with each change. */
  watch(prefix: string, onChange: (key: string, value: VersionedValue) => void): Promise<() => void>;
}

/** Key-safe form of a model name (KV keys allow letters, digits, '-', '_', '=', '/' and '.'). */
export function modelKey(prefix: string, model: string): string {
  return `${prefix}.${model.replace(/[^A-Za-z0-9_=-]/g, (character) => `=${character.codePointAt(0)!.toString(16)}`)}`;
}
