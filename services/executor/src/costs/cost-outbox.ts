import { setTimeout as sleep } from "node:timers/promises";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { Logger } from "@switchyard/runtime";
import type { BufferedCostEventSink, CostEventPublisher } from "./cost-event-sink.js";
import { OutboxJournal } from "./outbox-journal.js";

/** Settings of the cost outbox. */
export interface CostOutboxOptions {
  /** Where the journal lives (a volume that survives restarts of the executor). */
  readonly directory: string;
  /** Undelivered events above which the executor takes no new calls (it never drops one). */
  readonly maxEvents: number;
  readonly publisher: CostEventPublisher;
  readonly logger: Logger;
  /** Wait between delivery attempts while NATS is away: doubles from min to max. */
  readonly retryMinMs?: number;
  readonly retryMaxMs?: number;
}

/** The outbox as the service and main.ts see it. */
export interface CostOutbox extends BufferedCostEventSink {
  /** Resolves true once everything is delivered, false if `timeoutMs` passes first. */
  flush(timeoutMs: number): Promise<boolean>;
  /** Stops delivering; what is undelivered stays in the journal for the next start. */
  close(): Promise<void>;
}

interface Pending {
  readonly event: CostEvent;
  readonly endOffset: number;
}

/** Deliveries between two cursor writes (a replay after a crash re-sends at most this many, deduplicated by JetStream). */
const cursorInterval = 32;

/**
 * The executor's cost events, journalled on disk before `publish` returns and delivered to
 * JetStream one at a time, in order, by a single background loop. While NATS is unreachable
 * the loop keeps retrying the oldest event and the journal grows; when NATS returns, everything
 * goes out in the order it happened. On open, undelivered events from the previous process
 * are queued first. Every publish carries the event id as Nats-Msg-Id, so an event re-sent
 * after a lost ack is stored once.
 */
export function openCostOutbox(options: CostOutboxOptions): CostOutbox {
  const journal = new OutboxJournal(options.directory);
  const queue: Pending[] = journal.readUndelivered().map((record) => ({ event: fromBinary(CostEventSchema, record.bytes), endOffset: record.endOffset }));
  if (queue.length > 0) options.logger.info({ events: queue.length }, "cost events from the previous run are queued for delivery");
  let closed = false;
  let wake: (() => void) | undefined;
  const idleWaiters = new Set<() => void>();
  let deliveredOffset = 0;
  let sinceCursor = 0;
  const loop = deliver();

  async function deliver(): Promise<void> {
    let delayMs = options.retryMinMs ?? 100;
    let outage = false;
    while (!closed) {
      const head = queue[0];
      if (!head) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters.clear();
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      try {
        await options.publisher(head.event);
      } catch (error) {
        if (!outage) options.logger.warn({ err: error, pending: queue.length }, "cost events cannot reach NATS; keeping them in the outbox");
        outage = true;
        await sleep(delayMs);
        delayMs = Math.min(options.retryMaxMs ?? 2_000, delayMs * 2);
        continue;
      }
      if (outage) options.logger.info({ pending: queue.length }, "NATS reachable again; delivering the outbox");
      outage = false;
      delayMs = options.retryMinMs ?? 100;
      queue.shift();
      deliveredOffset = head.endOffset;
      sinceCursor += 1;
      if (queue.length === 0 || sinceCursor >= cursorInterval) {
        journal.markDelivered(head.endOffset);
        sinceCursor = 0;
      }
    }
  }

  return {
    get pending() {
      return queue.length;
    },
    get full() {
      return queue.length >= options.maxEvents;
    },
    publish(event) {
      if (closed) throw new Error("the cost outbox is closed");
      queue.push({ event, endOffset: journal.append(toBinary(CostEventSchema, event)) });
      wake?.();
      wake = undefined;
    },
    async flush(timeoutMs) {
      if (queue.length === 0) return true;
      const idle = new Promise<boolean>((resolve) => idleWaiters.add(() => resolve(true)));
      return Promise.race([idle, sleep(timeoutMs, false)]);
    },
    async close() {
      closed = true;
      wake?.();
      await loop;
      if (sinceCursor > 0) journal.markDelivered(deliveredOffset);
      journal.close();
    },
  };
}
