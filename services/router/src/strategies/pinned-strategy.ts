import { create } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import { CompleteResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequest, CompleteResponse, PinnedStrategy } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RequestContext } from "@switchyard/runtime";
import type { RouterDeps } from "../router-deps.js";
import { requireUsableModel } from "../model-access.js";

/** `pinned(model)`: always this model; the executor handles retries within the deadline. */
export async function runPinned(
  deps: RouterDeps,
  request: CompleteRequest,
  strategy: PinnedStrategy,
  call: { readonly context: HandlerContext; readonly request: RequestContext; readonly tenant: string },
): Promise<CompleteResponse> {
  requireUsableModel(deps.access, call.tenant, strategy.model, "strategy.pinned.model");
  const started = performance.now();
  const generated = await deps.executor.generate(
    {
      model: strategy.model,
      messages: request.messages,
      params: request.params,
      context: { requestId: call.request.requestId, apiKeyId: call.request.apiKeyId ?? "", strategy: "pinned", tags: request.tags },
    },
    { signal: call.context.signal, timeoutMs: call.context.timeoutMs() },
  );
  return create(CompleteResponseSchema, {
    answer: generated.text,
    model: generated.model,
    provider: generated.provider,
    strategy: "pinned",
    attempts: generated.attempts,
    totalCostNanoUsd: generated.costNanoUsd,
    traceId: call.request.trace.traceId,
    requestId: call.request.requestId,
    usage: generated.usage,
    finishReason: generated.finishReason,
    latencyMs: performance.now() - started,
    simulated: generated.simulated,
  });
}
