import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { ModelTaskEstimatesSchema, TenantEstimatesResponseSchema } from "@switchyard/contracts/switchyard/v1/selector_pb";
import type { TenantEstimatesRequest, TenantEstimatesResponse } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { callerOf } from "@switchyard/runtime";
import type { FeedbackStore } from "./feedback-store.js";

/**
 * SelectorService.TenantEstimates: the caller's tenant's per-model, per-task-type estimates with
 * their evidence. The tenant is the authenticated caller's (a mesh peer's tenant header, put in
 * the context values by the caller interceptor), so no body can ask for another tenant's state;
 * a call that names no tenant is INVALID_ARGUMENT.
 */
export function tenantEstimatesRpc(feedback: FeedbackStore, request: TenantEstimatesRequest, context: HandlerContext): TenantEstimatesResponse {
  const tenant = callerOf(context).tenant;
  if (!tenant) throw new ConnectError("x-switchyard-tenant: TenantEstimates needs the caller's tenant", Code.InvalidArgument);
  const wanted = request.models.length > 0 ? new Set(request.models) : undefined;
  const byModel = new Map<string, Record<string, { quality: number; observations: bigint }>>();
  for (const estimate of feedback.taskEstimates(tenant)) {
    if (wanted && !wanted.has(estimate.model)) continue;
    const tasks = byModel.get(estimate.model) ?? {};
    tasks[estimate.taskType] = { quality: estimate.quality, observations: BigInt(estimate.observations) };
    byModel.set(estimate.model, tasks);
  }
  const models = [...byModel].sort(([left], [right]) => left.localeCompare(right)).map(([model, tasks]) => create(ModelTaskEstimatesSchema, { model, tasks }));
  return create(TenantEstimatesResponseSchema, { models });
}
