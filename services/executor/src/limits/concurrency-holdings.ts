import { create } from "@bufbuild/protobuf";
import { ConcurrencyHoldingSchema, ConcurrencyRecordSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { ConcurrencyHolding, ConcurrencyRecord } from "@switchyard/contracts/switchyard/v1/executor_pb";

/** A holding still counts until its expiry: its owner renews it while it holds any slot. */
function live(holding: ConcurrencyHolding, nowMs: number): boolean {
  return Number(holding.expiresAtMs) > nowMs;
}

/** What `instance` may hold of a cap of `cap` slots: the cap less every other replica's live holding (may be negative). */
export function freeSlots(record: ConcurrencyRecord, instance: string, cap: number, nowMs: number): number {
  const others = record.holdings.filter((holding) => holding.instance !== instance && live(holding, nowMs));
  return cap - others.reduce((sum, holding) => sum + holding.slots, 0);
}

/** The holding `instance` has in the record, expired or not. */
export function ownHolding(record: ConcurrencyRecord, instance: string): ConcurrencyHolding | undefined {
  return record.holdings.find((holding) => holding.instance === instance);
}

/**
 * The most `instance` should hold while other replicas have callers waiting: its share of the
 * cap in proportion to its demand (calls in flight and waiting) against theirs (slots and
 * waiting), at least one slot. Unbounded while no other replica has anyone waiting.
 */
export function fairShare(record: ConcurrencyRecord, instance: string, cap: number, demand: number, nowMs: number): number {
  const others = record.holdings.filter((holding) => holding.instance !== instance && live(holding, nowMs));
  if (!others.some((holding) => holding.waiting > 0)) return Infinity;
  const othersDemand = others.reduce((sum, holding) => sum + holding.slots + holding.waiting, 0);
  return Math.max(1, Math.floor((cap * demand) / (demand + othersDemand)));
}

/** What one replica writes of itself. */
export interface HoldingState {
  readonly slots: number;
  readonly waiting: number;
  readonly expiresAtMs: number;
}

/**
 * The record with `instance` holding `state` (no entry when it neither holds nor waits).
 * Expired holdings of other replicas are dropped: their owners are gone, or will write theirs again.
 */
export function withHolding(record: ConcurrencyRecord, instance: string, state: HoldingState, nowMs: number): ConcurrencyRecord {
  const others = record.holdings.filter((holding) => holding.instance !== instance && live(holding, nowMs));
  const own =
    state.slots > 0 || state.waiting > 0
      ? [create(ConcurrencyHoldingSchema, { instance, slots: state.slots, waiting: state.waiting, expiresAtMs: BigInt(state.expiresAtMs) })]
      : [];
  return create(ConcurrencyRecordSchema, { holdings: [...others, ...own] });
}
