import { BudgetRefusal } from "./budget-refusal.js";
import { applicableBudgetIds, budgetState } from "./budget-usage.js";
import type { BudgetState, RequestScopes, RuleClock } from "./budget-usage.js";
import { reservationIdFor } from "./reservation-rules.js";
import type { Reservation, TenantAccount } from "./tenant-account.js";

const marker = Symbol.for("switchyard.ledger.LeaseGone");

/** RenewLease of a lease that expired, was returned, or never existed; NOT_FOUND at the edge. */
export class LeaseGone extends Error {
  override readonly name = "LeaseGone";
  readonly [marker] = true;

  constructor(readonly leaseId: string) {
    super(`lease "${leaseId.slice(0, 80)}" has expired or was returned; acquire a new one`);
  }

  /** Marker-based guard: `instanceof` is not trusted across package copies. */
  static isInstance(error: unknown): error is LeaseGone {
    return typeof error === "object" && error !== null && marker in error;
  }
}

/** What AcquireLease asks for. */
export interface AcquireInput {
  readonly holderId: string;
  readonly apiKeyId: string;
  readonly project: string;
  readonly taskType: string;
  readonly amountNanoUsd: bigint;
  readonly minNanoUsd: bigint;
  readonly ttlMs: number;
}

/** What RenewLease asks for. */
export interface RenewInput {
  readonly amountNanoUsd: bigint;
  readonly incurredNanoUsd: bigint;
  readonly incurredTokens: bigint;
  readonly ttlMs: number;
}

/**
 * A lease is a reservation many requests of one holder spend: it has a reservation id, so the
 * settlement that shrinks a reservation's hold by each cost event naming it (exactly once, by
 * stream sequence) does the same for a lease, and its TTL frees it when its holder dies.
 */
export function leaseIdFor(tenant: string, input: Pick<AcquireInput, "holderId" | "apiKeyId" | "project" | "taskType">): string {
  // Without a task type the id is the one leases had before task-type budgets existed.
  const taskType = input.taskType ? `\u0000${input.taskType}` : "";
  return reservationIdFor(tenant, `lease\u0000${input.holderId}\u0000${input.apiKeyId}\u0000${input.project}${taskType}`);
}

/** The least remaining (outside every hold) of the budgets that apply; undefined with none. */
export function leastRemaining(
  account: TenantAccount,
  scopes: RequestScopes,
  clock: RuleClock,
): { least: bigint | undefined; tightest: BudgetState | undefined } {
  let tightest: BudgetState | undefined;
  for (const id of applicableBudgetIds(account, scopes)) {
    const state = budgetState(account, id, clock);
    if (!state) continue;
    if (!tightest || state.remainingNanoUsd < tightest.remainingNanoUsd) tightest = state;
    if (state.definition.limitTokens !== undefined && state.tokens + state.heldTokens >= state.definition.limitTokens) {
      return { least: 0n, tightest: state };
    }
  }
  return { least: tightest?.remainingNanoUsd, tightest };
}

/**
 * Grants a lease of up to the amount asked, as much as every applicable budget has left, and
 * refuses (BudgetRefusal) when that is under the minimum. A retried acquire of the same holder,
 * key, project and task type returns its open lease unchanged.
 */
export function acquireLease(account: TenantAccount, input: AcquireInput, clock: RuleClock): Reservation {
  const id = leaseIdFor(account.tenant, input);
  const existing = account.reservations[id];
  if (existing?.lease && !existing.released && clock.now < existing.expiresAt) return existing;
  const minimum = input.minNanoUsd > 0n ? input.minNanoUsd : 1n;
  const { least, tightest } = leastRemaining(account, input, clock);
  const granted = least === undefined || least > input.amountNanoUsd ? input.amountNanoUsd : least;
  if (granted < minimum && tightest) refuse(tightest, minimum);
  const lease: Reservation = {
    id,
    requestId: input.holderId,
    apiKeyId: input.apiKeyId,
    project: input.project,
    taskType: input.taskType,
    amountNanoUsd: granted,
    tokens: 0n,
    settledNanoUsd: 0n,
    settledTokens: 0n,
    reservedAt: clock.now,
    expiresAt: clock.now + input.ttlMs,
    lease: true,
  };
  account.reservations[id] = lease;
  return lease;
}

/**
 * Extends an open lease and resizes it to what its holder asks: growth is limited to what the
 * applicable budgets have left; the size never drops below what the holder says was billed, so
 * cost events still on their way stay held. Throws LeaseGone for an expired or returned lease.
 */
export function renewLease(account: TenantAccount, leaseId: string, input: RenewInput, clock: RuleClock): Reservation {
  const lease = account.reservations[leaseId];
  if (!lease?.lease || lease.released || clock.now >= lease.expiresAt) throw new LeaseGone(leaseId);
  const wanted = input.amountNanoUsd > input.incurredNanoUsd ? input.amountNanoUsd : input.incurredNanoUsd;
  if (wanted > lease.amountNanoUsd) {
    const { least } = leastRemaining(account, lease, clock);
    const growth = wanted - lease.amountNanoUsd;
    lease.amountNanoUsd += least === undefined || least > growth ? growth : least;
  } else {
    lease.amountNanoUsd = wanted;
  }
  if (input.incurredTokens > lease.tokens) lease.tokens = input.incurredTokens;
  lease.expiresAt = Math.max(lease.expiresAt, clock.now + input.ttlMs);
  return lease;
}

function refuse(state: BudgetState, requested: bigint): never {
  throw new BudgetRefusal({
    budgetId: state.id,
    limitNanoUsd: state.definition.limitNanoUsd,
    remainingNanoUsd: state.remainingNanoUsd,
    requestedNanoUsd: requested,
    resetsAt: state.window.end,
    reason: `a lease of at least ${requested} nano-USD requested, ${state.remainingNanoUsd} of ${state.definition.limitNanoUsd} left this period`,
  });
}
