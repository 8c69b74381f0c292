import { toBinary } from "@bufbuild/protobuf";
import type { JetStreamClient } from "@nats-io/jetstream";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { costSubject } from "@switchyard/runtime";

/** Where the executor sends one cost event per provider attempt. */
export interface CostEventSink {
  /** Resolves once the event is stored (JetStream ack); duplicates of an event id are harmless. */
  publish(event: CostEvent): Promise<void>;
}

/**
 * Publishes cost events to JetStream with Nats-Msg-Id set to the event id (the attempt id), so
 * a retried publish is dropped by the stream's dedupe window instead of counted twice.
 */
export function createJetStreamCostSink(jetStream: JetStreamClient): CostEventSink {
  return {
    async publish(event) {
      await jetStream.publish(costSubject(event.tenant), toBinary(CostEventSchema, event), { msgID: event.eventId });
    },
  };
}
