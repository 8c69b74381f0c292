import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import type { CompleteRequest, CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { validateConversation, validateGenerationParams } from "@switchyard/runtime";
import type { RouterDeps } from "./router-deps.js";
import { RouteRun, currentCaller } from "./route-run.js";
import { checkShadowRate } from "./shadow/shadow-target.js";
import { runPlanned } from "./strategy/plan-runner.js";
import { strategyName } from "./strategy/strategy-registry.js";
import { answerRun } from "./records/answer-run.js";

/** One request end to end: plan, hold its budget, execute, release what was not spent. */
export async function complete(deps: RouterDeps, request: CompleteRequest, context: Pick<HandlerContext, "signal" | "timeoutMs">): Promise<CompleteResponse> {
  const started = performance.now();
  const run = startRun(deps, request, context);
  try {
    const result = await runPlanned(run);
    return answerRun(run, result, started);
  } finally {
    // Off the response path: the answer does not wait for the budget to free the remainder.
    void run.releaseBudget();
  }
}

/** Validates the request and opens its run under the authenticated caller. */
export function startRun(deps: RouterDeps, request: CompleteRequest, context: Pick<HandlerContext, "signal" | "timeoutMs">): RouteRun {
  validateConversation(request.messages, deps.maxPromptChars);
  validateGenerationParams(request.params);
  checkShadowRate(request);
  if (request.maxCostNanoUsd !== undefined && request.maxCostNanoUsd <= 0n) {
    throw new ConnectError(`max_cost_nano_usd: must be positive, got ${request.maxCostNanoUsd}`, Code.InvalidArgument);
  }
  const caller = currentCaller();
  if (!caller) throw new ConnectError("caller is not authenticated", Code.Unauthenticated);
  // A split is recorded as such on every cost event ("split/pinned"), so its spend can be told apart.
  const strategy = request.split?.enabled ? `split/${strategyName(request.strategy)}` : strategyName(request.strategy);
  return new RouteRun(deps, request, caller, context, strategy);
}
