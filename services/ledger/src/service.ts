import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { WatchAlertsResponseSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { LedgerService, WatchAlertsRequest, WatchAlertsResponse } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { HandlerContext } from "@connectrpc/connect";
import { modelReportRpc, recommendationsRpc } from "./reports/model-report-rpc.js";
import { getBudgetRpc, setBudgetRpc } from "./rpc/budget-rpc.js";
import { principalOf, readableTenant } from "./rpc/ledger-auth.js";
import type { LedgerDeps } from "./rpc/ledger-deps.js";
import { lookupRequestRpc } from "./rpc/lookup-rpc.js";
import { exportEventsRpc, reportRpc } from "./rpc/report-rpc.js";
import { acquireLeaseRpc, renewLeaseRpc, returnLeaseRpc } from "./rpc/lease-rpc.js";
import { listAlertsRpc } from "./rpc/alert-rpc.js";
import { releaseRpc, reserveRpc } from "./rpc/reservation-rpc.js";
import { getWebhookRpc, listWebhookDeadLettersRpc, setWebhookRpc } from "./rpc/webhook-rpc.js";

export type { LedgerDeps } from "./rpc/ledger-deps.js";

/** LedgerService: budgets, reservations, reports, exports and alerts over injected dependencies. */
export function createLedgerService(deps: LedgerDeps): ServiceImpl<typeof LedgerService> {
  return {
    reserve: (request, context) => reserveRpc(deps, request, context),
    release: (request, context) => releaseRpc(deps, request, context),
    getBudget: (request, context) => getBudgetRpc(deps, request, context),
    setBudget: (request, context) => setBudgetRpc(deps, request, context),
    report: (request, context) => reportRpc(deps, request, context),
    exportEvents: (request, context) => exportEventsRpc(deps, request, context),
    watchAlerts: (request, context) => watchAlertsRpc(deps, request, context),
    acquireLease: (request, context) => acquireLeaseRpc(deps, request, context),
    renewLease: (request, context) => renewLeaseRpc(deps, request, context),
    returnLease: (request, context) => returnLeaseRpc(deps, request, context),
    lookupRequest: (request, context) => lookupRequestRpc(deps, request, context),
    modelReport: (request, context) => modelReportRpc(deps, request, context),
    recommendations: (request, context) => recommendationsRpc(deps, request, context),
    listAlerts: (request, context) => listAlertsRpc(deps, request, context),
    setWebhook: (request, context) => setWebhookRpc(deps, request, context),
    getWebhook: (request, context) => getWebhookRpc(deps, request, context),
    listWebhookDeadLetters: (request, context) => listWebhookDeadLettersRpc(deps, request, context),
  };
}

/** WatchAlerts: live alerts of the caller's tenant (an admin naming none: every tenant). */
async function* watchAlertsRpc(deps: LedgerDeps, request: WatchAlertsRequest, context: HandlerContext): AsyncGenerator<WatchAlertsResponse> {
  const tenant = readableTenant(principalOf(context), request.tenant);
  for await (const alert of deps.watchAlerts(tenant, context.signal)) yield create(WatchAlertsResponseSchema, { alert });
}
