import { create } from "@bufbuild/protobuf";
import { timestampFromMs, timestampMs } from "@bufbuild/protobuf/wkt";
import { BudgetAlertSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { BudgetAlert, CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { applicableBudgetIds, counterAt } from "./budget-usage.js";
import type { RuleClock } from "./budget-usage.js";
import { closeIfSettled } from "./reservation-rules.js";
import type { TenantAccount, UsageCounter } from "./tenant-account.js";

/** Cost event tag naming the project a call is billed to (the router copies it from Reserve). */
export const projectTag = "project";

/** Tokens an event counts against token limits. */
export function eventTokens(event: CostEvent): bigint {
  const usage = event.usage;
  if (!usage) return 0n;
  return usage.totalTokens > 0n ? usage.totalTokens : usage.inputTokens + usage.outputTokens;
}

/**
 * Applies one cost event (stream sequence `seq`) to the account: its actual cost becomes spend
 * of every applicable budget and shrinks its reservation's hold. An event at or below the
 * account's applied sequence changes nothing. An event naming an unknown, released or expired
 * reservation still counts as spend in full; only an open reservation's hold shrinks.
 * Returns the alerts whose thresholds this event crossed (each once per budget period).
 */
export function settle(account: TenantAccount, event: CostEvent, seq: number, clock: RuleClock): BudgetAlert[] {
  if (seq <= account.appliedSeq) return [];
  account.appliedSeq = seq;
  const cost = event.billed ? event.costNanoUsd : 0n;
  const tokens = eventTokens(event);
  const reservation = event.reservationId ? account.reservations[event.reservationId] : undefined;
  if (reservation) {
    reservation.settledNanoUsd += cost;
    reservation.settledTokens += tokens;
    closeIfSettled(account, event.reservationId);
  }
  const apiKeyId = event.apiKeyId || (reservation?.apiKeyId ?? "");
  const project = event.tags[projectTag] || (reservation?.project ?? "");
  // The executor records the request's task type on every attempt, critiques and judgments included.
  const taskType = event.taskType || (reservation?.taskType ?? "");
  const at = event.occurredAt ? Math.min(Number(timestampMs(event.occurredAt)), clock.now) : clock.now;
  const alerts: BudgetAlert[] = [];
  for (const budgetId of applicableBudgetIds(account, { apiKeyId, project, taskType })) {
    const counter = counterAt(account, budgetId, clock, at);
    if (!counter) continue;
    counter.spentNanoUsd += cost;
    counter.tokens += tokens;
    alerts.push(...crossedThresholds(account, budgetId, counter, clock.now));
  }
  return alerts;
}

/** Thresholds newly reached by the counter; recorded in it so that each fires once per period. */
function crossedThresholds(account: TenantAccount, budgetId: string, counter: UsageCounter, now: number): BudgetAlert[] {
  const definition = account.budgets[budgetId]?.definition;
  if (!definition || counter.spentNanoUsd === 0n) return [];
  const alerts: BudgetAlert[] = [];
  for (const threshold of definition.alertThresholds) {
    if (counter.alerted.includes(threshold)) continue;
    const reached = counter.spentNanoUsd * 1_000_000n >= BigInt(Math.round(threshold * 1_000_000)) * definition.limitNanoUsd;
    if (!reached) continue;
    counter.alerted.push(threshold);
    alerts.push(
      create(BudgetAlertSchema, {
        alertId: `${budgetId}:${new Date(counter.periodStart).toISOString()}:${threshold}`,
        tenant: account.tenant,
        budgetId,
        threshold,
        spentNanoUsd: counter.spentNanoUsd,
        limitNanoUsd: definition.limitNanoUsd,
        periodStart: timestampFromMs(counter.periodStart),
        occurredAt: timestampFromMs(now),
      }),
    );
  }
  return alerts;
}
