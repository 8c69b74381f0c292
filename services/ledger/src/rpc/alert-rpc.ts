import { create } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import { ListAlertsResponseSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { ListAlertsRequest, ListAlertsResponse } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { principalOf, readableTenant } from "./ledger-auth.js";
import type { LedgerDeps } from "./ledger-deps.js";
import { timeRange } from "./time-range.js";

const dayMs = 86_400_000;
const defaultLimit = 100;
const maxLimit = 1_000;

/** ListAlerts: the caller's stored alerts since a time (default: the last day), oldest first. */
export async function listAlertsRpc(deps: LedgerDeps, request: ListAlertsRequest, context: HandlerContext): Promise<ListAlertsResponse> {
  const tenant = readableTenant(principalOf(context), request.tenant);
  const now = deps.book.clock().now;
  const sinceMs = request.since ? timeRange(request.since, undefined, now).startMs : now - dayMs;
  const limit = Math.min(request.limit || defaultLimit, maxLimit);
  const alerts = await deps.listAlerts({ tenant, sinceMs, limit });
  return create(ListAlertsResponseSchema, { alerts });
}
