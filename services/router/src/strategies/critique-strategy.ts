import { Code, ConnectError } from "@connectrpc/connect";
import type { CritiqueStrategy } from "@switchyard/contracts/switchyard/v1/router_pb";
import { requireUsableModel } from "../model-access.js";
import { callModel } from "../model-call.js";
import { reservePlan } from "../reservation.js";
import type { RouteRun } from "../route-run.js";
import { runFailure } from "../run-failure.js";
import type { StrategyResult } from "../strategy-result.js";
import { resultOf } from "../strategy-result.js";
import { critiqueAnswer } from "./critique-call.js";

/**
 * `critique(primary, critics, max_concurrency)`: the primary's answer plus concurrent critiques
 * from other models; the confidence is the critics' aggregate score. Critics that fail or time
 * out are reported as such; the answer is returned either way.
 */
export async function runCritique(run: RouteRun, strategy: CritiqueStrategy): Promise<StrategyResult> {
  requireUsableModel(run.deps.access, run.caller.tenant, strategy.primary, "strategy.critique.primary");
  const critics = strategy.critics.length > 0 ? strategy.critics : run.deps.routing.criticModels;
  if (critics.length === 0) throw new ConnectError("strategy.critique.critics: name at least one critic model", Code.InvalidArgument);
  critics.forEach((model, index) => requireUsableModel(run.deps.access, run.caller.tenant, model, `strategy.critique.critics[${index}]`));
  await reservePlan(run, [strategy.primary, ...critics]);
  const outcome = await callModel(run, strategy.primary);
  if (!outcome.ok) throw runFailure(run, outcome.error);
  const review = await critiqueAnswer(run, outcome.response, critics, strategy.maxConcurrency);
  return { ...resultOf(outcome.response, "critique", review?.aggregateScore ?? 0), critiques: review?.critiques ?? [] };
}
