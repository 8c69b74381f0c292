import type { ServiceImpl } from "@connectrpc/connect";
import type { AccountService } from "@switchyard/contracts/switchyard/v1/account_pb";
import { callerOf, scopedTenant } from "./account-auth.js";
import { listAlerts, watchAlerts } from "./account-alerts.js";
import type { AccountDeps } from "./account-deps.js";
import { listEvents } from "./account-events.js";
import { exportCsv } from "./account-export.js";
import { listAccountModels } from "./account-models.js";

/**
 * AccountService: spend, budgets, alerts, events and models for the caller's tenant, proxied
 * to the ledger and the executor as that tenant (admins may name others). Budget and webhook
 * changes are checked for admin rights by the ledger, which owns them.
 */
export function createAccountService(deps: AccountDeps): ServiceImpl<typeof AccountService> {
  return {
    report: (request, context) => deps.ledger.report({ ...request, tenant: scopedTenant(callerOf(context), request.tenant) }, { signal: context.signal }),
    getBudget: (request, context) => deps.ledger.getBudget({ tenant: scopedTenant(callerOf(context), request.tenant) }, { signal: context.signal }),
    setBudget: (request, context) => {
      callerOf(context);
      return deps.ledger.setBudget(request, { signal: context.signal });
    },
    listAlerts: (request, context) => listAlerts(deps, request, context),
    watchAlerts: (request, context) => watchAlerts(deps, request, context),
    listModels: (_request, context) => listAccountModels(deps, context),
    listEvents: (request, context) => listEvents(deps, request, context),
    exportCsv: (request, context) => exportCsv(deps, request, context),
    setWebhook: (request, context) => {
      callerOf(context);
      return deps.ledger.setWebhook(request, { signal: context.signal });
    },
    getWebhook: (request, context) => deps.ledger.getWebhook({ tenant: scopedTenant(callerOf(context), request.tenant) }, { signal: context.signal }),
    listWebhookDeadLetters: (request, context) =>
      deps.ledger.listWebhookDeadLetters({ ...request, tenant: scopedTenant(callerOf(context), request.tenant) }, { signal: context.signal }),
  };
}
