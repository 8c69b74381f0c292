import type { ScoredCandidate } from "../candidates.js";
import { scoreCandidates } from "../candidates.js";
import type { RouteRun } from "../route-run.js";
import { failoverPlan } from "../strategies/cheapest-strategy.js";
import type { StrategyPlan } from "../strategy/strategy-contract.js";
import type { RoutingConfig } from "@switchyard/runtime";

/**
 * The plan of a task rule: primary first, then the fallbacks in the rule's order, failing over
 * on errors like `cheapest` (and streaming as it answers). Models too small for the input are
 * skipped. The rule's cost cap applies when the request sets none.
 */
export async function rulePlan(run: RouteRun, rule: RoutingConfig["rules"][string]): Promise<StrategyPlan> {
  const order = [rule.primary, ...rule.fallbacks];
  if (run.request.maxCostNanoUsd === undefined && rule.maxCostPerRequestUsd !== undefined) run.request.maxCostNanoUsd = rule.maxCostPerRequestUsd;
  const scored = await scoreCandidates(run, order, `routing.rules.${run.request.taskType}`);
  const ranked = [...scored].sort((left, right) => order.indexOf(left.model) - order.indexOf(right.model));
  const bar = rule.minQuality;
  const clearing: ScoredCandidate[] = bar === undefined ? ranked : ranked.filter((candidate) => candidate.predictedQuality >= bar);
  return failoverPlan(run, clearing.length > 0 ? clearing : ranked, `rules/${run.request.taskType}`);
}
