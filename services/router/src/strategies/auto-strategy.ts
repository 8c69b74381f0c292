import { scoreCandidates } from "../candidates.js";
import type { RouteRun } from "../route-run.js";
import type { StrategyResult } from "../strategy-result.js";
import { runCascade } from "./cascade-strategy.js";
import { cheapestOrder, runCheapest } from "./cheapest-strategy.js";

/** What `auto` is asked for. */
export interface AutoPlan {
  readonly minQuality: number;
  readonly candidates: readonly string[];
}

/** Selector confidence at or above which `auto` trusts its prediction enough to skip checking. */
export const trustedSelectorConfidence = 0.8;

/** Predicted quality at or above which a single unchecked call is worth its risk. */
export const trustedQuality = 0.9;

/**
 * `auto`: when the selector is sure that a cheap model clears the bar, call only that model
 * (cheapest); otherwise climb a cascade that checks answers before paying for a bigger model.
 * The remaining budget bounds the plan through the reservation (a cascade that does not fit is
 * cut to what does).
 */
export async function runAuto(run: RouteRun, plan: AutoPlan): Promise<StrategyResult> {
  const scored = await scoreCandidates(run, plan.candidates, "strategy.auto.candidates");
  const first = cheapestOrder(scored, plan.minQuality)[0];
  if (first && first.predictedQuality >= Math.max(plan.minQuality, trustedQuality) && first.confidence >= trustedSelectorConfidence) {
    return runCheapest(run, { minQuality: plan.minQuality, candidates: plan.candidates, label: "auto/cheapest", scored });
  }
  return runCascade(run, { chain: [], candidates: plan.candidates, minQuality: plan.minQuality, threshold: plan.minQuality, critics: [], label: "auto/cascade", scored });
}
