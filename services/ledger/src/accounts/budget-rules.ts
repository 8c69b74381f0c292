import { idOf } from "../budgets/budget-definition.js";
import type { BudgetDefinition } from "../budgets/budget-definition.js";
import { windowOf } from "./budget-usage.js";
import type { RuleClock } from "./budget-usage.js";
import type { TenantAccount } from "./tenant-account.js";

/**
 * Creates or replaces a budget. The period's spend so far is kept; when the period kind or
 * zone changes, that spend is carried into the new current period (the ledger keeps one
 * counter per budget, not a history).
 */
export function putBudget(account: TenantAccount, definition: BudgetDefinition, configDigest: string | undefined, clock: RuleClock): string {
  const id = idOf(definition);
  const previous = account.budgets[id]?.definition;
  account.budgets[id] = { definition, configDigest };
  const counter = account.usage[id];
  if (counter && previous && (previous.period !== definition.period || previous.timeZone !== definition.timeZone)) {
    counter.periodStart = windowOf(definition, clock, clock.now).start;
  }
  return id;
}

/** Applies a configuration entry unless this exact entry was applied before (then SetBudget wins). */
export function seedBudget(account: TenantAccount, definition: BudgetDefinition, configDigest: string, clock: RuleClock): boolean {
  if (account.budgets[idOf(definition)]?.configDigest === configDigest) return false;
  putBudget(account, definition, configDigest, clock);
  return true;
}
