import type { PinnedStrategy } from "@switchyard/contracts/switchyard/v1/router_pb";
import { callModel } from "../model-call.js";
import { requireUsableModel } from "../model-access.js";
import { reservePlan } from "../reservation.js";
import type { RouteRun } from "../route-run.js";
import { runFailure } from "../run-failure.js";
import type { StrategyResult } from "../strategy-result.js";
import { resultOf } from "../strategy-result.js";

/** `pinned(model)`: always this model; the executor retries within the deadline. */
export async function runPinned(run: RouteRun, strategy: PinnedStrategy): Promise<StrategyResult> {
  requireUsableModel(run.deps.access, run.caller.tenant, strategy.model, "strategy.pinned.model");
  await reservePlan(run, [strategy.model]);
  const outcome = await callModel(run, strategy.model);
  if (!outcome.ok) throw runFailure(run, outcome.error);
  return resultOf(outcome.response, "pinned", 1);
}
