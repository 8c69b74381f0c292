import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { LookupRequestResponseSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { LookupRequestRequest, LookupRequestResponse } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { principalOf } from "./ledger-auth.js";
import type { LedgerDeps } from "./ledger-deps.js";

/**
 * LookupRequest: the tenant and models of a request, from its settled cost events, and the
 * routing decision its decision record carries (when the router published one). Another
 * tenant's request is PERMISSION_DENIED (admins excepted); an id with no events is NOT_FOUND,
 * which is also what a request whose events have not reached the ledger yet looks like.
 */
export function lookupRequestRpc(deps: LedgerDeps, request: LookupRequestRequest, context: HandlerContext): LookupRequestResponse {
  if (!request.requestId) throw new ConnectError("request_id: required", Code.InvalidArgument);
  const principal = principalOf(context);
  const events = deps.index.ofRequest(request.requestId);
  const tenant = events[0]?.tenant;
  if (tenant === undefined) throw new ConnectError(`request_id: no request "${request.requestId}" is known (yet) to the ledger`, Code.NotFound);
  if (tenant !== principal.tenant && !principal.admin) {
    throw new ConnectError(`request_id: request "${request.requestId}" was not made by tenant "${principal.tenant}"`, Code.PermissionDenied);
  }
  const attempts = events.filter((event) => !event.routingDecision && event.quality === undefined);
  return create(LookupRequestResponseSchema, {
    tenant,
    models: [...new Set(attempts.map((event) => event.model))],
    answeringModel: answeringModel(attempts),
    routingDecision: events.find((event) => event.routingDecision)?.routingDecision,
    taskType: attempts.find((event) => event.taskType !== "")?.taskType ?? "",
  });
}

function answeringModel(events: readonly CostEvent[]): string {
  const answers = events.filter((event) => event.outcome === AttemptOutcome.SUCCEEDED && !event.tags["switchyard_role"]);
  return answers.at(-1)?.model ?? "";
}
