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
  /** Journal size above which delivered records are dropped from it (default 1 MiB, see OutboxJournal). */
  readonly compactBytes?: number;
  /** Wait between delivery attempts while NATS is away: doubles from min to max. */
  readonly retryMinMs?: number;
  readonly retryMaxMs?: number;
}

/** The outbox as the service and main.ts see it. */
export interface CostOutbox extends BufferedCostEventSink {
  /** Resolves true once everything is delivered, false if `timeoutMs` passes first. */
  flush(timeoutMs: number): Promise<boolean>;
  /** Stops delivering; what is undelivered is journalled for the next start. */
  close(): Promise<void>;
}

interface Pending {
  readonly event: CostEvent;
  /** Offset just past the event in the journal. */
  readonly endOffset: number;
}

/**
 * The executor's cost events, delivered to JetStream one at a time, in order, by a single
 * background loop, with Nats-Msg-Id = event id so a re-send is stored once. Every event is
 * appended to an on-disk journal before `publish` returns, and the journal's cursor moves past
 * it once JetStream has stored it; the next start delivers whatever lies past the cursor. So a
 * NATS outage, a graceful restart and a killed process (kill -9) lose nothing. A crash between
 * JetStream's ack and the cursor write re-sends that one event, which the stream's duplicate
 * window (10 minutes) drops.
 */
export function openCostOutbox(options: CostOutboxOptions): CostOutbox {
  const journal = new OutboxJournal(options.directory, options.compactBytes);
  const queue: Pending[] = journal.readUndelivered().map((record) => ({ event: fromBinary(CostEventSchema, record.bytes), endOffset: record.endOffset }));
  if (queue.length > 0) options.logger.info({ events: queue.length }, "cost events from the previous run are queued for delivery");
  let closed = false;
  let wake: (() => void) | undefined;
  const idleWaiters = new Set<() => void>();

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
        if (!outage) options.logger.warn({ err: error, pending: queue.length }, "cost events cannot reach NATS; they wait in the journal");
        outage = true;
        await sleep(delayMs);
        delayMs = Math.min(options.retryMaxMs ?? 2_000, delayMs * 2);
        continue;
      }
      if (outage) options.logger.info({ pending: queue.length }, "NATS reachable again; delivering the outbox");
      outage = false;
      delayMs = options.retryMinMs ?? 100;
      queue.shift();
      journal.markDelivered(head.endOffset);
    }
  }
  const loop = deliver();

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
      journal.close();
    },
  };
}
