import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import type { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequest, CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { currentRequestContext, validateConversation } from "@switchyard/runtime";
import type { RouterDeps } from "./router-deps.js";
import { runPinned } from "./strategies/pinned-strategy.js";

/** RouterService: validates, authenticates (interceptor) and dispatches to a strategy. */
export function createRouterService(deps: RouterDeps): ServiceImpl<typeof RouterService> {
  return {
    complete: (request, context) => complete(deps, request, context),
    streamComplete() {
      throw new ConnectError("StreamComplete is not implemented yet (router issue: streaming)", Code.Unimplemented);
    },
    completeBatch() {
      throw new ConnectError("CompleteBatch is not implemented yet (router issue: batches)", Code.Unimplemented);
    },
  };
}

async function complete(deps: RouterDeps, request: CompleteRequest, context: HandlerContext): Promise<CompleteResponse> {
  validateConversation(request.messages, deps.maxPromptChars);
  validateQualityBar(request.minQuality, "min_quality");
  const requestContext = currentRequestContext();
  if (!requestContext?.tenant) throw new ConnectError("caller is not authenticated", Code.Unauthenticated);
  const call = { context, request: requestContext, tenant: requestContext.tenant };
  const strategy = request.strategy?.kind ?? { case: "auto" as const, value: undefined };
  switch (strategy.case) {
    case "pinned":
      return runPinned(deps, request, strategy.value, call);
    default:
      throw new ConnectError(`strategy "${strategy.case}" is not implemented yet (router issue: strategies); use "pinned"`, Code.Unimplemented);
  }
}

function validateQualityBar(value: number | undefined, field: string): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) {
    throw new ConnectError(`${field}: must be between 0 and 1, got ${value}`, Code.InvalidArgument);
  }
}
