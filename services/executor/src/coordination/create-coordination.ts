import type { NatsConnection } from "@nats-io/transport-node";
import type { Logger } from "@switchyard/runtime";
import { createSharedBreakerRecords } from "../breaker/shared-breaker-records.js";
import type { Coordination } from "../deployment-guards.js";
import type { KeyValueStore } from "./key-value-store.js";
import { createMemoryKeyValueStore } from "./memory-key-value-store.js";
import { createNatsKeyValueStore } from "./nats-key-value-store.js";
import type { OutcomeBus } from "./outcome-bus.js";
import { createLocalOutcomeBus, createNatsOutcomeBus } from "./outcome-bus.js";

/** Coordination that can be stopped on shutdown. */
export interface ClosableCoordination extends Coordination {
  close(): void;
}

/** Settings of the coordination between replicas. */
export interface CoordinationOptions {
  readonly instance: string;
  readonly models: readonly string[];
  readonly logger: Logger;
  /** How long a replica's concurrency slots count without renewal (default 15,000 ms). */
  readonly concurrencyLeaseTtlMs?: number;
}

/** Replicas sharing limits and breakers through NATS: a JetStream KV bucket and a broadcast subject. */
export async function createNatsCoordination(
  connection: NatsConnection,
  options: CoordinationOptions & { readonly timeoutMs: number; readonly replicas: number; readonly isConnected: () => boolean },
): Promise<ClosableCoordination> {
  const store = await createNatsKeyValueStore(connection, options);
  return assemble(store, createNatsOutcomeBus(connection, options.instance), options);
}

/** One replica on its own (unit tests, benchmarks of the call path): the same logic, in memory. */
export function createLocalCoordination(options: CoordinationOptions): Promise<ClosableCoordination> {
  return assemble(createMemoryKeyValueStore(), createLocalOutcomeBus(), options);
}

async function assemble(store: KeyValueStore, outcomes: OutcomeBus, options: CoordinationOptions): Promise<ClosableCoordination> {
  const breakerRecords = await createSharedBreakerRecords(store, options.models, options.logger);
  return {
    store,
    outcomes,
    breakerRecords,
    instance: options.instance,
    ...(options.concurrencyLeaseTtlMs !== undefined ? { concurrencyLeaseTtlMs: options.concurrencyLeaseTtlMs } : {}),
    close() {
      breakerRecords.close();
      outcomes.close();
    },
  };
}
