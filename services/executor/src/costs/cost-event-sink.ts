import { toBinary } from "@bufbuild/protobuf";
import type { JetStreamClient } from "@nats-io/jetstream";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { costSubject } from "@switchyard/runtime";

/** Where the executor sends one cost event per provider attempt. */
export interface CostEventSink {
  /**
   * Takes the event into safe keeping before it returns (the outbox writes it to disk), so a
   * call never waits for NATS; delivery happens behind it, in order.
   */
  publish(event: CostEvent): void;
}

/** A sink that may hold events back (the outbox while NATS is away), and says how many. */
export interface BufferedCostEventSink extends CostEventSink {
  readonly pending: number;
  /** True when no new call should be taken: its cost events could not be kept. */
  readonly full: boolean;
}

/** Sends one event to JetStream and resolves once the stream has stored it (or dropped it as a duplicate). */
export type CostEventPublisher = (event: CostEvent) => Promise<void>;

/**
 * Publishes to JetStream with Nats-Msg-Id set to the event id (the attempt id), so a publish
 * repeated after a lost ack or a restart is dropped by the stream's dedupe window instead of
 * counted twice. Fails fast while disconnected instead of waiting out the timeout.
 */
export function createJetStreamPublisher(jetStream: JetStreamClient, isConnected: () => boolean, timeoutMs: number): CostEventPublisher {
  return async (event) => {
    if (!isConnected()) throw new Error("NATS is not connected");
    await jetStream.publish(costSubject(event.tenant), toBinary(CostEventSchema, event), { msgID: event.eventId, timeout: timeoutMs });
  };
}
