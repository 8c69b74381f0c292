import { create } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import type { AccountServiceWatchAlertsRequest } from "@switchyard/contracts/switchyard/v1/account_pb";
import { WatchAlertsResponseSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { ListAlertsRequest, ListAlertsResponse, WatchAlertsResponse } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { callerOf, scopedTenant } from "./account-auth.js";
import type { AccountDeps } from "./account-deps.js";

/** ListAlerts: the caller's stored alerts since a time, from the ledger. */
export function listAlerts(deps: AccountDeps, request: ListAlertsRequest, context: HandlerContext): Promise<ListAlertsResponse> {
  const tenant = scopedTenant(callerOf(context), request.tenant);
  return deps.ledger.listAlerts({ ...request, tenant }, { signal: context.signal });
}

/**
 * WatchAlerts: with `since`, the stored alerts from then first, then the live ones. The live
 * watch is opened before the stored ones are read, so an alert fired in between arrives
 * (once: live alerts already replayed are skipped by id).
 */
export async function* watchAlerts(deps: AccountDeps, request: AccountServiceWatchAlertsRequest, context: HandlerContext): AsyncGenerator<WatchAlertsResponse> {
  const tenant = scopedTenant(callerOf(context), request.tenant);
  const live = deps.ledger.watchAlerts({ tenant }, { signal: context.signal })[Symbol.asyncIterator]();
  const first = live.next();
  const replayed = new Set<string>();
  if (request.since) {
    const { alerts } = await deps.ledger.listAlerts({ tenant, since: request.since, limit: 1_000 }, { signal: context.signal });
    for (const alert of alerts) {
      replayed.add(alert.alertId);
      yield create(WatchAlertsResponseSchema, { alert });
    }
  }
  for (let next = await first; !next.done; next = await live.next()) {
    if (next.value.alert && !replayed.has(next.value.alert.alertId)) yield next.value;
  }
}
