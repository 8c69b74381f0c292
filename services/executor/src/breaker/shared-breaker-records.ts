import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { BreakerRecordSchema, BreakerState } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { BreakerRecord } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { Logger } from "@switchyard/runtime";
import type { KeyValueStore } from "../coordination/key-value-store.js";
import { modelKey } from "../coordination/key-value-store.js";

/** A breaker record with the store revision it was read at. */
export interface CurrentBreakerRecord {
  readonly record: BreakerRecord;
  readonly revision: number;
}

/** Called when a model's breaker record changes (written here or by another replica). */
export type BreakerRecordListener = (model: string, record: BreakerRecord, previous: BreakerRecord) => void;

/**
 * Every model's breaker position, shared through the KeyValueStore: a local copy kept current by
 * a watch (so checking a breaker costs no round trip), and compare-and-set writes so that two
 * replicas never both claim the half-open probe. While the store is unreachable a write is
 * applied to the local copy only, and the replica acts on its own view until it reconnects.
 */
export interface SharedBreakerRecords {
  current(model: string): CurrentBreakerRecord;
  /** Writes `record` if the model's record is still at `revision`; false when another replica changed it first. */
  write(model: string, record: BreakerRecord, revision: number): Promise<boolean>;
  onChange(listener: BreakerRecordListener): void;
  close(): void;
}

const closedRecord = create(BreakerRecordSchema, { state: BreakerState.CLOSED });

/** Starts watching the store's breaker records. */
export async function createSharedBreakerRecords(store: KeyValueStore, models: readonly string[], logger: Logger): Promise<SharedBreakerRecords> {
  const modelByKey = new Map(models.map((model) => [modelKey("breaker", model), model]));
  const records = new Map<string, CurrentBreakerRecord>();
  const listeners: BreakerRecordListener[] = [];
  const apply = (model: string, next: CurrentBreakerRecord): void => {
    const previous = records.get(model);
    if (previous && next.revision !== 0 && previous.revision > next.revision) return;
    records.set(model, next);
    const before = previous?.record ?? closedRecord;
    if (before.state !== next.record.state || before.openUntilMs !== next.record.openUntilMs)
      for (const listener of listeners) listener(model, next.record, before);
  };
  const stopWatch = await store.watch("breaker", (key, value) => {
    const model = modelByKey.get(key);
    if (model) apply(model, { record: fromBinary(BreakerRecordSchema, value.value), revision: value.revision });
  });
  return {
    current: (model) => records.get(model) ?? { record: closedRecord, revision: 0 },
    async write(model, record, revision) {
      const key = modelKey("breaker", model);
      try {
        const written = await store.compareAndSet(key, toBinary(BreakerRecordSchema, record), revision);
        if (written !== undefined) {
          apply(model, { record, revision: written });
          return true;
        }
        const fresh = await store.get(key);
        if (fresh) apply(model, { record: fromBinary(BreakerRecordSchema, fresh.value), revision: fresh.revision });
        return false;
      } catch (error) {
        logger.warn({ err: error, model }, "shared breaker state unreachable; acting on this replica's view");
        apply(model, { record, revision });
        return true;
      }
    },
    onChange: (listener) => void listeners.push(listener),
    close: stopWatch,
  };
}
