import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { CompleteBatchResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteBatchRequest, CompleteBatchResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { currentRequestContext, runWithRequestContext, streamBounded } from "@switchyard/runtime";
import type { RouterDeps } from "./router-deps.js";
import { complete } from "./complete-request.js";

/** Largest batch accepted in one call. */
export const maxBatchItems = 1_000;

/**
 * CompleteBatch: independent requests run in parallel (bounded by max_concurrency or the
 * routing default, and by the executor's own limits) and each result is streamed back as soon
 * as it finishes, tagged with its index. An item's failure is that item's error, not the
 * batch's. Each item has its own request id (`<batch id>/<index>`), so its spend and
 * reservation stand alone.
 */
export async function* completeBatch(deps: RouterDeps, request: CompleteBatchRequest, context: HandlerContext): AsyncGenerator<CompleteBatchResponse> {
  if (request.items.length > maxBatchItems)
    throw new ConnectError(`items: at most ${maxBatchItems} per batch, got ${request.items.length}`, Code.InvalidArgument);
  const parent = currentRequestContext();
  const limit = request.maxConcurrency || deps.routing.batchConcurrency;
  yield* streamBounded(request.items, limit, (_item, index) => runItem(deps, request, index, context, parent), context.signal);
}

async function runItem(
  deps: RouterDeps,
  request: CompleteBatchRequest,
  index: number,
  context: HandlerContext,
  parent: ReturnType<typeof currentRequestContext>,
): Promise<CompleteBatchResponse> {
  const item = request.items[index]!;
  const itemContext = parent ? { ...parent, requestId: `${parent.requestId}/${index}` } : undefined;
  try {
    const call = (): ReturnType<typeof complete> => complete(deps, item, context);
    const response = await (itemContext ? runWithRequestContext(itemContext, call) : call());
    return create(CompleteBatchResponseSchema, { index, result: { case: "response", value: response } });
  } catch (caught) {
    const error = ConnectError.from(caught);
    return create(CompleteBatchResponseSchema, { index, result: { case: "error", value: { code: codeToString(error.code), message: error.rawMessage } } });
  }
}
