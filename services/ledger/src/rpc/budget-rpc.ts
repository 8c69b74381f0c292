import { create } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import { GetBudgetResponseSchema, SetBudgetResponseSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { GetBudgetRequest, GetBudgetResponse, SetBudgetRequest, SetBudgetResponse } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { putBudget } from "../accounts/budget-rules.js";
import { budgetFromProto, validateBudget } from "../budgets/budget-definition.js";
import { budgetStatus, budgetStatuses } from "./budget-status.js";
import { principalOf, readableTenant, requireAdmin } from "./ledger-auth.js";
import type { LedgerDeps } from "./ledger-deps.js";

/** GetBudget: the budgets of the caller's tenant (an admin: a named tenant's, or every tenant's). */
export async function getBudgetRpc(deps: LedgerDeps, request: GetBudgetRequest, context: HandlerContext): Promise<GetBudgetResponse> {
  const tenant = readableTenant(principalOf(context), request.tenant);
  const tenants = tenant === undefined ? await deps.book.tenants() : [tenant];
  const clock = deps.book.clock();
  const budgets = [];
  for (const each of tenants.sort()) {
    const account = await deps.book.read(each);
    budgets.push(...budgetStatuses(account, Object.keys(account.budgets).sort(), clock));
  }
  return create(GetBudgetResponseSchema, { budgets });
}

/** SetBudget: admins create or replace a budget; the new status comes back. */
export async function setBudgetRpc(deps: LedgerDeps, request: SetBudgetRequest, context: HandlerContext): Promise<SetBudgetResponse> {
  requireAdmin(principalOf(context), "SetBudget");
  const definition = validateBudget(budgetFromProto(request.budget), deps.directory);
  const budget = await deps.book.change(definition.tenant, (account, clock) => budgetStatus(account, putBudget(account, definition, undefined, clock), clock));
  return create(SetBudgetResponseSchema, { budget });
}
