import { fromBinary } from "@bufbuild/protobuf";
import { DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { costStreamName, costSubject, inSpan, subjectTokenPattern } from "@switchyard/runtime";
import type { Logger } from "@switchyard/runtime";
import type { SpendIndex } from "../reports/spend-index.js";

/** Options for startCostConsumer. */
export interface CostConsumerOptions {
  readonly connection: NatsConnection;
  readonly index: SpendIndex;
  /** Makes an event's effect on its tenant's account durable; resolves once committed. */
  readonly settle: (event: CostEvent, seq: number) => Promise<void>;
  readonly logger: Logger;
  /** Settlements in flight at once (they commit in groups per tenant). */
  readonly maxInFlight?: number;
}

/** A running consumption of the cost stream. */
export interface CostConsumer {
  /** True once every event stored when the consumer started has been indexed and settled. */
  caughtUp(): boolean;
  /** Stream sequence up to which every event is settled (or known to be a duplicate). */
  settledThrough(): number;
  stop(): Promise<void>;
}

/**
 * Replays the COSTS stream from its first message and follows it. Each distinct event goes
 * into the report index and is settled against its tenant's account. The consumer is ordered
 * (no server-side state): its acknowledgement is the account's applied sequence, written in
 * the same revision-checked write as the event's effect, so a replay after a crash or a NATS
 * restart re-applies nothing and skips nothing.
 */
export async function startCostConsumer(options: CostConsumerOptions): Promise<CostConsumer> {
  const lastAtStart = (await (await jetstreamManager(options.connection)).streams.info(costStreamName)).state.last_seq;
  const consumer = await jetstream(options.connection).consumers.get(costStreamName, { deliver_policy: DeliverPolicy.All });
  // Short pulls: after a NATS restart the client notices the lost pull within a few seconds
  // (missed heartbeats) and resumes after the last delivered sequence.
  const messages = await consumer.consume({ expires: 3_000 });
  const inFlight = new Map<number, Promise<void>>();
  let delivered = 0;
  let settled = 0;
  const track = (seq: number, work: Promise<void>): void => {
    const done = work
      .catch((error: unknown) => options.logger.error({ err: error, seq }, "settlement abandoned"))
      .finally(() => {
        inFlight.delete(seq);
        settled = inFlight.size === 0 ? delivered : Math.min(...inFlight.keys()) - 1;
      });
    inFlight.set(seq, done);
  };
  const loop = (async () => {
    for await (const message of messages) {
      delivered = message.seq;
      const event = decode(message.data, message.seq, options.logger);
      if (event && options.index.add(event) && subjectTokenPattern.test(event.tenant)) {
        track(message.seq, message.seq > lastAtStart ? settleInTrace(options, event, message.seq) : options.settle(event, message.seq));
      } else if (inFlight.size === 0) settled = delivered;
      if (inFlight.size >= (options.maxInFlight ?? 1_024)) await Promise.race(inFlight.values());
    }
  })();
  return {
    caughtUp: () => settled >= lastAtStart,
    settledThrough: () => settled,
    async stop() {
      await messages.close();
      await loop;
      await Promise.all(inFlight.values());
    },
  };
}

/**
 * Settles a live event in a CONSUMER span of the trace its attempt carried (the replay at start
 * makes no spans: those requests' traces ended long ago). Without a traceparent the span is a
 * new root, or the no-op span when tracing is off.
 */
function settleInTrace(options: CostConsumerOptions, event: CostEvent, seq: number): Promise<void> {
  const attributes = {
    "messaging.system": "nats",
    "messaging.operation.type": "process",
    "messaging.destination.name": costSubject(event.tenant),
    "switchyard.model": event.model,
  };
  return inSpan("settle cost event", { kind: "consumer", attributes, ...(event.traceparent ? { traceparent: event.traceparent } : {}) }, () =>
    options.settle(event, seq),
  );
}

function decode(data: Uint8Array, seq: number, logger: Logger): CostEvent | undefined {
  try {
    return fromBinary(CostEventSchema, data);
  } catch (error) {
    logger.error({ err: error, seq }, "undecodable cost event skipped");
    return undefined;
  }
}
