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
  /** Stops delivering; what is undelivered is journalled for the next start. */
  close(): Promise<void>;
}

interface Pending {
  readonly event: CostEvent;
  /** Offset just past the event in the journal; undefined while it is only in memory. */
  endOffset: number | undefined;
}

/** Deliveries between two cursor writes while journalling (a replay after a crash re-sends at most this many, deduplicated by JetStream). */
const cursorInterval = 32;

/**
 * The executor's cost events, delivered to JetStream one at a time, in order, by a single
 * background loop, with Nats-Msg-Id = event id so a re-send is stored once. While NATS answers,
 * events only pass through memory (no disk write per call). As soon as a delivery fails, every
 * waiting event is written to an on-disk journal, and so is every new one until the backlog is
 * delivered; on close the undelivered rest is journalled too, and the next start delivers it
 * first. So a NATS outage or a graceful restart loses nothing; only a crash of the process while
 * NATS is healthy can lose the events still in flight.
 */
export function openCostOutbox(options: CostOutboxOptions): CostOutbox {
  const journal = new OutboxJournal(options.directory);
  const queue: Pending[] = journal.readUndelivered().map((record) => ({ event: fromBinary(CostEventSchema, record.bytes), endOffset: record.endOffset }));
  if (queue.length > 0) options.logger.info({ events: queue.length }, "cost events from the previous run are queued for delivery");
  let journalling = queue.length > 0;
  let closed = false;
  let wake: (() => void) | undefined;
  const idleWaiters = new Set<() => void>();
  let lastJournalled: number | undefined;
  let sinceCursor = 0;

  const journalAll = (): void => {
    journalling = true;
    for (const pending of queue) pending.endOffset ??= journal.append(toBinary(CostEventSchema, pending.event));
  };
  const delivered = (pending: Pending): void => {
    if (pending.endOffset === undefined) return;
    lastJournalled = pending.endOffset;
    sinceCursor += 1;
    if (queue.length === 0) {
      journal.markDelivered(Number.MAX_SAFE_INTEGER);
      journalling = false;
      sinceCursor = 0;
    } else if (sinceCursor >= cursorInterval) {
      journal.markDelivered(lastJournalled);
      sinceCursor = 0;
    }
  };

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
        if (!outage) options.logger.warn({ err: error, pending: queue.length }, "cost events cannot reach NATS; journalling them on disk");
        outage = true;
        journalAll();
        await sleep(delayMs);
        delayMs = Math.min(options.retryMaxMs ?? 2_000, delayMs * 2);
        continue;
      }
      if (outage) options.logger.info({ pending: queue.length }, "NATS reachable again; delivering the outbox");
      outage = false;
      delayMs = options.retryMinMs ?? 100;
      queue.shift();
      delivered(head);
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
      queue.push({ event, endOffset: journalling ? journal.append(toBinary(CostEventSchema, event)) : undefined });
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
      if (queue.length > 0) journalAll();
      if (sinceCursor > 0 && lastJournalled !== undefined) journal.markDelivered(lastJournalled);
      journal.close();
    },
  };
}
