import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { ProviderOutcomeRecordSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { NatsConnection } from "@nats-io/transport-node";

/** Subject of the provider outcomes executor replicas broadcast to each other. */
export const outcomeSubject = "switchyard.executor.v1.outcome";

/** Outcomes another replica reported for a model since its last broadcast. */
export type OutcomeListener = (model: string, successes: number, failures: number) => void;

/**
 * Shares provider outcomes between replicas so that each breaker judges the error rate of the
 * whole deployment, not of its own slice. Fire-and-forget: a lost broadcast only makes one
 * window slightly less complete, and publishing never delays a call.
 */
export interface OutcomeBus {
  publish(model: string, failed: boolean): void;
  /** Outcomes of the other replicas. */
  subscribe(listener: OutcomeListener): () => void;
  close(): void;
}

/** An OutcomeBus for a single replica (unit tests, no NATS). */
export function createLocalOutcomeBus(): OutcomeBus {
  return { publish() {}, subscribe: () => () => {}, close() {} };
}

/**
 * OutcomeBus over core NATS: outcomes are counted per model and broadcast every `intervalMs`
 * (one message per model with activity, not one per call), on one subscription per replica
 * whatever the number of models; a replica ignores its own broadcasts.
 */
export function createNatsOutcomeBus(connection: NatsConnection, instance: string, intervalMs = 200): OutcomeBus {
  const listeners = new Set<OutcomeListener>();
  const counts = new Map<string, { successes: number; failures: number }>();
  let subscription: ReturnType<NatsConnection["subscribe"]> | undefined;
  const deliver = (data: Uint8Array): void => {
    const outcome = fromBinary(ProviderOutcomeRecordSchema, data);
    if (outcome.instance === instance) return;
    for (const listener of listeners) listener(outcome.model, outcome.successes, outcome.failures);
  };
  const broadcast = (): void => {
    if (connection.isClosed()) return;
    for (const [model, { successes, failures }] of counts) {
      connection.publish(outcomeSubject, toBinary(ProviderOutcomeRecordSchema, create(ProviderOutcomeRecordSchema, { model, instance, successes, failures })));
    }
    counts.clear();
  };
  const timer = setInterval(broadcast, intervalMs);
  timer.unref();
  return {
    publish(model, failed) {
      const count = counts.get(model) ?? { successes: 0, failures: 0 };
      if (failed) count.failures += 1;
      else count.successes += 1;
      counts.set(model, count);
    },
    subscribe(listener) {
      listeners.add(listener);
      subscription ??= connection.subscribe(outcomeSubject, { callback: (error, message) => (error ? undefined : deliver(message.data)) });
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !subscription) return;
        subscription.unsubscribe();
        subscription = undefined;
      };
    },
    close() {
      clearInterval(timer);
      broadcast();
    },
  };
}
