import type { ServiceImpl } from "@connectrpc/connect";
import type { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { completeBatch } from "./complete-batch.js";
import { complete } from "./complete-request.js";
import type { RouterDeps } from "./router-deps.js";
import { streamComplete } from "./stream-complete.js";

/** RouterService: every strategy through Complete, StreamComplete and CompleteBatch. */
export function createRouterService(deps: RouterDeps): ServiceImpl<typeof RouterService> {
  return {
    complete: (request, context) => complete(deps, request, context),
    streamComplete: (request, context) => streamComplete(deps, request, context),
    completeBatch: (request, context) => completeBatch(deps, request, context),
  };
}
