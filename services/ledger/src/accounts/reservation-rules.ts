import { createHash } from "node:crypto";
import { BudgetRefusal } from "./budget-refusal.js";
import { applicableBudgetIds, budgetState } from "./budget-usage.js";
import type { BudgetState, RuleClock } from "./budget-usage.js";
import type { Reservation, TenantAccount } from "./tenant-account.js";

/** What Reserve asks for. */
export interface ReserveInput {
  readonly requestId: string;
  readonly apiKeyId: string;
  readonly project: string;
  readonly taskType: string;
  readonly amountNanoUsd: bigint;
  readonly tokens: bigint;
  readonly ttlMs: number;
}

/**
 * The reservation id of a request: deterministic, so a retried Reserve finds its reservation
 * and Release works by request id too. The tenant is part of it, so Release can find the
 * account from the id alone ("rsv.<tenant>.<hash>"; tenant names never contain a dot).
 */
export function reservationIdFor(tenant: string, requestId: string): string {
  const hash = createHash("sha256").update(`${tenant}\u0000${requestId}`, "utf8").digest("base64url").slice(0, 22);
  return `rsv.${tenant}.${hash}`;
}

/** The tenant named in a reservation id, or undefined for a malformed id. */
export function tenantOfReservation(reservationId: string): string | undefined {
  const match = /^rsv\.([A-Za-z0-9_-]{1,64})\.[A-Za-z0-9_-]{22}$/.exec(reservationId);
  return match?.[1];
}

/**
 * Grants a reservation when every applicable budget has room for it, all checked against the
 * same account revision; otherwise throws BudgetRefusal and changes nothing. A second Reserve
 * of the same request while its reservation is open returns it unchanged.
 */
export function reserve(account: TenantAccount, input: ReserveInput, clock: RuleClock): Reservation {
  const id = reservationIdFor(account.tenant, input.requestId);
  const existing = account.reservations[id];
  if (existing && clock.now < existing.expiresAt) return existing;
  for (const budgetId of applicableBudgetIds(account, input)) {
    const state = budgetState(account, budgetId, clock);
    if (state) checkRoom(state, input.amountNanoUsd, input.tokens);
  }
  const reservation: Reservation = {
    id,
    requestId: input.requestId,
    apiKeyId: input.apiKeyId,
    project: input.project,
    taskType: input.taskType,
    amountNanoUsd: input.amountNanoUsd,
    tokens: input.tokens,
    settledNanoUsd: 0n,
    settledTokens: 0n,
    reservedAt: clock.now,
    expiresAt: clock.now + input.ttlMs,
  };
  account.reservations[id] = reservation;
  return reservation;
}

function checkRoom(state: BudgetState, requested: bigint, requestedTokens: bigint): void {
  const { definition } = state;
  const refuse = (reason: string): never => {
    throw new BudgetRefusal({
      budgetId: state.id,
      limitNanoUsd: definition.limitNanoUsd,
      remainingNanoUsd: state.remainingNanoUsd,
      requestedNanoUsd: requested,
      resetsAt: state.window.end,
      reason,
    });
  };
  if (definition.perRequestCapNanoUsd !== undefined && requested > definition.perRequestCapNanoUsd) {
    refuse(`the estimate ${requested} nano-USD is over the per-request cap of ${definition.perRequestCapNanoUsd}`);
  }
  if (state.spentNanoUsd + state.heldNanoUsd + requested > definition.limitNanoUsd) {
    refuse(`${requested} nano-USD requested, ${state.remainingNanoUsd} of ${definition.limitNanoUsd} left this period`);
  }
  if (definition.limitTokens !== undefined && state.tokens + state.heldTokens + requestedTokens > definition.limitTokens) {
    refuse(`token limit: ${requestedTokens} tokens requested, ${state.tokens + state.heldTokens} of ${definition.limitTokens} used or held this period`);
  }
}

/** Closes an open reservation, freeing what it still holds; false when it is unknown or expired. */
export function release(account: TenantAccount, reservationId: string, now: number, incurred: Incurred = noneIncurred): boolean {
  const reservation = account.reservations[reservationId];
  if (!reservation || reservation.released) return false;
  const open = now < reservation.expiresAt;
  if (open && (incurred.nanoUsd > reservation.settledNanoUsd || incurred.tokens > reservation.settledTokens)) {
    // Billed but not settled yet (events still on their way): hold exactly that until they arrive.
    reservation.amountNanoUsd = incurred.nanoUsd;
    reservation.tokens = incurred.tokens;
    reservation.released = true;
  } else {
    delete account.reservations[reservationId];
  }
  return open;
}

/** Cost and tokens a caller reports as billed under a reservation when it releases it. */
export interface Incurred {
  readonly nanoUsd: bigint;
  readonly tokens: bigint;
}

const noneIncurred: Incurred = { nanoUsd: 0n, tokens: 0n };

/** A released reservation goes once its events have settled what was incurred. */
export function closeIfSettled(account: TenantAccount, reservationId: string): void {
  const reservation = account.reservations[reservationId];
  if (reservation?.released && reservation.settledNanoUsd >= reservation.amountNanoUsd && reservation.settledTokens >= reservation.tokens) {
    delete account.reservations[reservationId];
  }
}

/** Forgets reservations past their TTL (their hold is already zero from that instant). */
export function pruneReservations(account: TenantAccount, now: number): void {
  for (const [id, reservation] of Object.entries(account.reservations)) {
    if (now >= reservation.expiresAt) delete account.reservations[id];
  }
}
