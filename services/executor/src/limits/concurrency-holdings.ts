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
 * The record with `instance` holding `slots` until `expiresAtMs` (no entry when 0). Expired
 * holdings of other replicas are dropped: their owners are gone, or will write theirs again.
 */
export function withHolding(record: ConcurrencyRecord, instance: string, slots: number, expiresAtMs: number, nowMs: number): ConcurrencyRecord {
  const others = record.holdings.filter((holding) => holding.instance !== instance && live(holding, nowMs));
  const own = slots > 0 ? [create(ConcurrencyHoldingSchema, { instance, slots, expiresAtMs: BigInt(expiresAtMs) })] : [];
  return create(ConcurrencyRecordSchema, { holdings: [...others, ...own] });
}
