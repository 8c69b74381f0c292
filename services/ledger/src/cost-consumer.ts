import { fromBinary } from "@bufbuild/protobuf";
import { DeliverPolicy, jetstream } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { costStreamName } from "@switchyard/runtime";
import type { Logger } from "@switchyard/runtime";

/** A running consumption of the cost stream. */
export interface CostConsumer {
  stop(): Promise<void>;
}

/**
 * Replays the COSTS stream from its first message and then follows it, handing each event to
 * `apply`. An ordered consumer needs no server-side state, so every ledger start rebuilds its
 * books from the stream itself, the source of truth.
 */
export async function startCostConsumer(connection: NatsConnection, apply: (event: CostEvent) => void, logger: Logger): Promise<CostConsumer> {
  const consumer = await jetstream(connection).consumers.get(costStreamName, { deliver_policy: DeliverPolicy.All });
  const messages = await consumer.consume();
  const done = (async () => {
    for await (const message of messages) {
      try {
        apply(fromBinary(CostEventSchema, message.data));
      } catch (error) {
        logger.error({ err: error, seq: message.seq }, "undecodable cost event skipped");
      }
    }
  })();
  return {
    async stop() {
      await messages.close();
      await done;
    },
  };
}
