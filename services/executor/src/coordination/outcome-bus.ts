import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { ProviderOutcomeRecordSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { NatsConnection } from "@nats-io/transport-node";

/** Subject of the provider outcomes executor replicas broadcast to each other. */
export const outcomeSubject = "switchyard.executor.v1.outcome";

/** A provider attempt's outcome, from this replica or another. */
export type OutcomeListener = (model: string, failed: boolean) => void;

/**
 * Shares provider outcomes between replicas so that each breaker judges the error rate of the
 * whole deployment, not of its own slice. Fire-and-forget: a lost outcome only makes one
 * window slightly less complete, and publishing never delays a call.
 */
export interface OutcomeBus {
  publish(model: string, failed: boolean): void;
  /** Outcomes of the other replicas. */
  subscribe(listener: OutcomeListener): () => void;
}

/** An OutcomeBus for a single replica (unit tests, no NATS). */
export function createLocalOutcomeBus(): OutcomeBus {
  return { publish() {}, subscribe: () => () => {} };
}

/**
 * OutcomeBus over core NATS publish/subscribe: one subscription per replica, whatever the number
 * of models, handing each outcome to every listener; a replica ignores its own messages.
 */
export function createNatsOutcomeBus(connection: NatsConnection, instance: string): OutcomeBus {
  const listeners = new Set<OutcomeListener>();
  let subscription: ReturnType<NatsConnection["subscribe"]> | undefined;
  const deliver = (data: Uint8Array): void => {
    const outcome = fromBinary(ProviderOutcomeRecordSchema, data);
    if (outcome.instance === instance) return;
    for (const listener of listeners) listener(outcome.model, outcome.failed);
  };
  return {
    publish(model, failed) {
      if (connection.isClosed()) return;
      connection.publish(outcomeSubject, toBinary(ProviderOutcomeRecordSchema, create(ProviderOutcomeRecordSchema, { model, instance, failed })));
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
  };
}
