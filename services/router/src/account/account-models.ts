import { create } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { AccountModelSchema, AccountServiceListModelsResponseSchema } from "@switchyard/contracts/switchyard/v1/account_pb";
import type { AccountServiceListModelsResponse } from "@switchyard/contracts/switchyard/v1/account_pb";
import type { TaskQualityEstimate } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { callerOf } from "./account-auth.js";
import type { AccountDeps } from "./account-deps.js";

/**
 * The models the caller's tenant may use (its `allowedModels`, or every configured model),
 * with the executor's live state: breaker, rate budget left, in-flight calls, p50 latency and
 * error rate, price and context window; and the tenant's routing-state quality estimate per task
 * type from the selector (as the caller's tenant: it never sees another tenant's).
 */
export async function listAccountModels(deps: AccountDeps, context: HandlerContext): Promise<AccountServiceListModelsResponse> {
  const tenant = callerOf(context).tenant;
  const allowed = deps.access.tenants[tenant]?.allowedModels;
  const [{ models }, estimates] = await Promise.all([deps.executor.listModels({}, { signal: context.signal }), taskEstimates(deps, context)]);
  const usable = models.filter((state) => Object.hasOwn(deps.access.models, state.model) && (!allowed || allowed.includes(state.model)));
  return create(AccountServiceListModelsResponseSchema, {
    models: usable.map((state) =>
      create(AccountModelSchema, { state, tier: deps.access.models[state.model]?.tier ?? "", taskQuality: estimates.get(state.model) ?? {} }),
    ),
  });
}

/**
 * The tenant's estimates by model. The list is still useful without them, so a selector that
 * cannot answer leaves them empty (logged) rather than failing the call.
 */
async function taskEstimates(deps: AccountDeps, context: HandlerContext): Promise<Map<string, Record<string, TaskQualityEstimate>>> {
  try {
    const { models } = await deps.selector.tenantEstimates({}, { signal: context.signal });
    return new Map(models.map((entry) => [entry.model, entry.tasks]));
  } catch (error) {
    deps.logger.warn({ code: ConnectError.from(error).code }, "selector estimates unavailable for the models list");
    return new Map();
  }
}
