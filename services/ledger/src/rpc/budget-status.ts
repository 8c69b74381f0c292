import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { BudgetExceededSchema, BudgetStatusSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { BudgetStatus } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { reasonDetails } from "@switchyard/runtime";
import { budgetToProto } from "../budgets/budget-definition.js";
import { budgetState } from "../accounts/budget-usage.js";
import type { RuleClock } from "../accounts/budget-usage.js";
import type { BudgetRefusal } from "../accounts/budget-refusal.js";
import type { TenantAccount } from "../accounts/tenant-account.js";

/** A budget's status now, in the contract's shape; undefined for an unknown budget id. */
export function budgetStatus(account: TenantAccount, id: string, clock: RuleClock): BudgetStatus | undefined {
  const state = budgetState(account, id, clock);
  if (!state) return undefined;
  return create(BudgetStatusSchema, {
    budget: budgetToProto(state.definition),
    budgetId: id,
    spentNanoUsd: state.spentNanoUsd,
    reservedNanoUsd: state.heldNanoUsd,
    remainingNanoUsd: state.remainingNanoUsd,
    tokensUsed: state.tokens,
    periodStart: timestampFromMs(state.window.start),
    resetsAt: state.window.end === undefined ? undefined : timestampFromMs(state.window.end),
  });
}

/** Statuses of the given budgets, skipping unknown ids. */
export function budgetStatuses(account: TenantAccount, ids: readonly string[], clock: RuleClock): BudgetStatus[] {
  return ids.flatMap((id) => budgetStatus(account, id, clock) ?? []);
}

/**
 * RESOURCE_EXHAUSTED with ErrorDetail BUDGET_EXHAUSTED (what callers act on) and a
 * BudgetExceeded detail: which budget, what is left, when it resets.
 */
export function refusalToConnectError(refusal: BudgetRefusal): ConnectError {
  const facts = refusal.facts;
  const detail = create(BudgetExceededSchema, {
    budgetId: facts.budgetId,
    limitNanoUsd: facts.limitNanoUsd,
    remainingNanoUsd: facts.remainingNanoUsd,
    requestedNanoUsd: facts.requestedNanoUsd,
    resetsAt: facts.resetsAt === undefined ? undefined : timestampFromMs(facts.resetsAt),
    reason: facts.reason,
  });
  const resets = facts.resetsAt === undefined ? "it never resets" : `it resets at ${new Date(facts.resetsAt).toISOString()}`;
  return new ConnectError(
    `${refusal.message}; ${resets}`,
    Code.ResourceExhausted,
    undefined,
    [...reasonDetails({ reason: ErrorReason.BUDGET_EXHAUSTED, budgetId: facts.budgetId }), { desc: BudgetExceededSchema, value: detail }],
    refusal,
  );
}
