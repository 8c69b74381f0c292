import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { ListEventsResponseSchema } from "@switchyard/contracts/switchyard/v1/account_pb";
import type { ListEventsRequest, ListEventsResponse } from "@switchyard/contracts/switchyard/v1/account_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { callerOf, scopedTenant } from "./account-auth.js";
import type { AccountDeps } from "./account-deps.js";

const defaultLimit = 100;
const maxLimit = 1_000;

/**
 * ListEvents: the newest cost events of a range (one per provider attempt: model, strategy,
 * task type, attempt number, outcome, latency, cost), read through the ledger's export and
 * kept to the last `limit`.
 */
export async function listEvents(deps: AccountDeps, request: ListEventsRequest, context: HandlerContext): Promise<ListEventsResponse> {
  if (request.limit > maxLimit) throw new ConnectError(`limit: at most ${maxLimit}, got ${request.limit}`, Code.InvalidArgument);
  const limit = request.limit || defaultLimit;
  const tenant = scopedTenant(callerOf(context), request.tenant);
  const newest: CostEvent[] = [];
  for await (const { event } of deps.ledger.exportEvents({ start: request.start, end: request.end, tenant }, { signal: context.signal })) {
    if (!event) continue;
    newest.push(event);
    if (newest.length > limit) newest.shift();
  }
  return create(ListEventsResponseSchema, { events: newest.reverse() });
}
