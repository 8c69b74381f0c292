import { scoreCandidates } from "../candidates.js";
import { preferAmongEquivalents } from "../strategy/equivalent-choice.js";
import { qualityBar, requestBar } from "../strategy/quality-bar.js";
import type { RouterStrategy } from "../strategy/strategy-contract.js";
import { cascadePlan } from "./cascade-strategy.js";
import { cheapestOrder, failoverPlan } from "./cheapest-strategy.js";

/** Selector confidence at or above which `auto` trusts its prediction enough to skip checking. */
export const trustedSelectorConfidence = 0.8;

/** Predicted quality at or above which a single unchecked call is worth its risk. */
export const trustedQuality = 0.9;

/**
 * `auto`: when the selector is sure that a cheap model clears the bar, call only that model
 * (failing over like `cheapest`, and streaming as it answers); otherwise climb a cascade that
 * checks answers before paying for a bigger model. The selector is asked once, here. Equivalent
 * candidates are ordered by priority, load and weight first (strategy/equivalent-choice.ts), so
 * both the single call and each rung of the cascade go to the preferred one of its equals.
 */
export const autoStrategy: RouterStrategy<"auto"> = {
  async plan(run, options) {
    const minQuality = qualityBar(options?.minQuality, "strategy.auto.min_quality") ?? requestBar(run);
    const candidates = options?.candidates ?? [];
    const scored = preferAmongEquivalents(run.deps, await scoreCandidates(run, candidates, "strategy.auto.candidates", options?.tier));
    const order = cheapestOrder(scored, minQuality);
    const first = order[0];
    if (first && first.predictedQuality >= Math.max(minQuality, trustedQuality) && first.confidence >= trustedSelectorConfidence) {
      return failoverPlan(run, order, "auto/cheapest");
    }
    return cascadePlan(run, { chain: [], candidates, minQuality, threshold: minQuality, critics: [], label: "auto/cascade", scored });
  },
};
