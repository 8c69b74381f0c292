import { idOf } from "../budgets/budget-definition.js";
import type { BudgetDefinition } from "../budgets/budget-definition.js";
import { periodWindow } from "../budgets/budget-period.js";
import type { PeriodWindow } from "../budgets/budget-period.js";
import type { Reservation, TenantAccount, UsageCounter } from "./tenant-account.js";

/** Where the rules run: the clock and the zone of budgets that name none. */
export interface RuleClock {
  readonly now: number;
  readonly defaultZone: string;
}

/** A budget's figures at one instant. */
export interface BudgetState {
  readonly id: string;
  readonly definition: BudgetDefinition;
  readonly window: PeriodWindow;
  readonly spentNanoUsd: bigint;
  readonly tokens: bigint;
  readonly heldNanoUsd: bigint;
  readonly heldTokens: bigint;
  readonly remainingNanoUsd: bigint;
}

/** The window of a budget's period containing `at`. */
export function windowOf(definition: BudgetDefinition, clock: RuleClock, at: number): PeriodWindow {
  return periodWindow(definition.period, definition.timeZone || clock.defaultZone, at);
}

/**
 * The budget's counter for the period containing `at`, starting a new period when `at` is past
 * the stored one. Undefined when `at` belongs to a period already closed (late events count in
 * reports, not against a budget that has since reset).
 */
export function counterAt(account: TenantAccount, id: string, clock: RuleClock, at: number): UsageCounter | undefined {
  const stored = account.budgets[id];
  if (!stored) return undefined;
  const window = windowOf(stored.definition, clock, at);
  const counter = account.usage[id];
  if (!counter || counter.periodStart < window.start) {
    const fresh = { periodStart: window.start, spentNanoUsd: 0n, tokens: 0n, alerted: [] };
    account.usage[id] = fresh;
    return fresh;
  }
  return counter.periodStart === window.start ? counter : undefined;
}

/** What decides which of a tenant's budgets a request, hold or cost event counts against. */
export type RequestScopes = Pick<Reservation, "apiKeyId" | "project" | "taskType">;

/** True when spend or a hold of these scopes counts against the budget. */
export function reservationApplies(definition: BudgetDefinition, scopes: RequestScopes): boolean {
  switch (definition.scope) {
    case "tenant":
      return true;
    case "apiKey":
      return scopes.apiKeyId === definition.scopeId;
    case "project":
      return scopes.project === definition.scopeId;
    case "taskType":
      return scopes.taskType === definition.scopeId;
  }
}

/** What a reservation still holds: its amount less what its events settled, until it expires. */
export function holdOf(reservation: Reservation, now: number): { nanoUsd: bigint; tokens: bigint } {
  if (now >= reservation.expiresAt) return { nanoUsd: 0n, tokens: 0n };
  const nanoUsd = reservation.amountNanoUsd - reservation.settledNanoUsd;
  const tokens = reservation.tokens - reservation.settledTokens;
  return { nanoUsd: nanoUsd > 0n ? nanoUsd : 0n, tokens: tokens > 0n ? tokens : 0n };
}

/** Ids of the account's budgets that apply to a key, project and task type (tenant budget first). */
export function applicableBudgetIds(account: TenantAccount, scopes: RequestScopes): string[] {
  return Object.values(account.budgets)
    .map((stored) => stored.definition)
    .filter((definition) => reservationApplies(definition, scopes))
    .map(idOf);
}

/** The budget's spend, holds and remaining money now (current period). */
export function budgetState(account: TenantAccount, id: string, clock: RuleClock): BudgetState | undefined {
  const stored = account.budgets[id];
  if (!stored) return undefined;
  const { definition } = stored;
  const counter = counterAt(account, id, clock, clock.now);
  let heldNanoUsd = 0n;
  let heldTokens = 0n;
  for (const reservation of Object.values(account.reservations)) {
    if (!reservationApplies(definition, reservation)) continue;
    const hold = holdOf(reservation, clock.now);
    heldNanoUsd += hold.nanoUsd;
    heldTokens += hold.tokens;
  }
  const spentNanoUsd = counter?.spentNanoUsd ?? 0n;
  const remaining = definition.limitNanoUsd - spentNanoUsd - heldNanoUsd;
  return {
    id,
    definition,
    window: windowOf(definition, clock, clock.now),
    spentNanoUsd,
    tokens: counter?.tokens ?? 0n,
    heldNanoUsd,
    heldTokens,
    remainingNanoUsd: remaining > 0n ? remaining : 0n,
  };
}
