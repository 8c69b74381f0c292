import { create } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import { AccountModelSchema, AccountServiceListModelsResponseSchema } from "@switchyard/contracts/switchyard/v1/account_pb";
import type { AccountServiceListModelsResponse } from "@switchyard/contracts/switchyard/v1/account_pb";
import { callerOf } from "./account-auth.js";
import type { AccountDeps } from "./account-deps.js";

/**
 * The models the caller's tenant may use (its `allowedModels`, or every configured model),
 * with the executor's live state: breaker, rate budget left, in-flight calls, p50 latency and
 * error rate, price and context window.
 */
export async function listAccountModels(deps: AccountDeps, context: HandlerContext): Promise<AccountServiceListModelsResponse> {
  const tenant = callerOf(context).tenant;
  const allowed = deps.access.tenants[tenant]?.allowedModels;
  const { models } = await deps.executor.listModels({}, { signal: context.signal });
  const usable = models.filter((state) => Object.hasOwn(deps.access.models, state.model) && (!allowed || allowed.includes(state.model)));
  return create(AccountServiceListModelsResponseSchema, {
    models: usable.map((state) => create(AccountModelSchema, { state, tier: deps.access.models[state.model]?.tier ?? "" })),
  });
}
