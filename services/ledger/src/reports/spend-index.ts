import { timestampMs } from "@bufbuild/protobuf/wkt";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";

/** A distinct cost event and when it happened (epoch ms). */
export interface IndexedEvent {
  readonly event: CostEvent;
  readonly occurredAtMs: number;
}

/**
 * The distinct cost events of the COSTS stream in stream order, for reports and exports.
 * Every replica builds it by replaying the stream; an event id seen before (a duplicate
 * published outside the stream's dedupe window, or a replay) is not added again.
 */
export class SpendIndex {
  readonly #seen = new Set<string>();
  readonly #events: IndexedEvent[] = [];
  readonly #byRequest = new Map<string, CostEvent[]>();

  /** Adds an event once; returns false for an event id already indexed. */
  add(event: CostEvent): boolean {
    if (this.#seen.has(event.eventId)) return false;
    this.#seen.add(event.eventId);
    this.#events.push({ event, occurredAtMs: event.occurredAt ? Number(timestampMs(event.occurredAt)) : 0 });
    if (event.requestId) this.#byRequest.set(event.requestId, [...(this.#byRequest.get(event.requestId) ?? []), event]);
    return true;
  }

  /** The distinct events of one request, in stream order (empty for an unknown id). */
  ofRequest(requestId: string): readonly CostEvent[] {
    return this.#byRequest.get(requestId) ?? [];
  }

  /** Events of a tenant (all tenants for undefined) that occurred in [startMs, endMs). */
  select(tenant: string | undefined, startMs: number, endMs: number): IndexedEvent[] {
    return this.#events.filter(
      (indexed) => (tenant === undefined || indexed.event.tenant === tenant) && indexed.occurredAtMs >= startMs && indexed.occurredAtMs < endMs,
    );
  }

  /** Number of distinct events indexed. */
  get size(): number {
    return this.#events.length;
  }
}
