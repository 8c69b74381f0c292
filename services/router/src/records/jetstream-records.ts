import { toBinary } from "@bufbuild/protobuf";
import { jetstream } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { costSubject } from "@switchyard/runtime";
import type { RecordPublisher } from "./record-publisher.js";

/** Records on the COSTS stream, deduplicated by event id like every attempt the executor publishes. */
export function createJetStreamRecords(connection: NatsConnection, timeoutMs: number): RecordPublisher {
  const stream = jetstream(connection, { timeout: timeoutMs });
  return async (event) => {
    await stream.publish(costSubject(event.tenant), toBinary(CostEventSchema, event), { msgID: event.eventId });
  };
}
