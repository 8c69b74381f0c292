import { Code, ConnectError } from "@connectrpc/connect";
import type { ScoredCandidate } from "../candidates.js";
import { scoreCandidates } from "../candidates.js";
import { checkedCall } from "../checks/checked-call.js";
import type { RouteRun } from "../route-run.js";
import { runFailure } from "../run-failure.js";
import type { StrategyResult } from "../strategy-result.js";
import { resultOf } from "../strategy-result.js";
import { preferAmongEquivalents } from "../strategy/equivalent-choice.js";
import { grantedModels } from "../strategy/planned-calls.js";
import { qualityBar, requestBar } from "../strategy/quality-bar.js";
import type { GrantedCalls, RouterStrategy, StrategyPlan } from "../strategy/strategy-contract.js";
import { failureSummary } from "../failure-summary.js";

/**
 * `cheapest(min_quality)`: the cheapest candidate whose predicted quality clears the bar. If the
 * call fails, or its answer fails the request's tool or JSON-schema check, the next cheapest that
 * clears the bar answers instead. When no candidate clears
 * it, the best predicted candidate answers and the response's confidence says so. Among
 * equivalent candidates (same predicted quality and price within tolerances) priority, then
 * load, then weight decide (strategy/equivalent-choice.ts).
 */
export const cheapestStrategy: RouterStrategy<"cheapest"> = {
  async plan(run, options) {
    const minQuality = qualityBar(options?.minQuality, "strategy.cheapest.min_quality") ?? requestBar(run);
    const scored = await scoreCandidates(run, options?.candidates ?? [], "strategy.cheapest.candidates", options?.tier);
    return failoverPlan(run, preferAmongEquivalents(run.deps, cheapestOrder(scored, minQuality)), "cheapest");
  },
};

/** A plan that calls `order` one at a time, moving on only when a call fails; it streams. */
export function failoverPlan(run: RouteRun, order: readonly ScoredCandidate[], label: string): StrategyPlan {
  return {
    label,
    calls: order.map((candidate) => ({ model: candidate.model, role: "answer", estimate: candidate.estimate })),
    stream: order.map((candidate) => ({ model: candidate.model, confidence: candidate.predictedQuality })),
    execute: (granted) => failOver(run, order, granted, label),
  };
}

async function failOver(run: RouteRun, order: readonly ScoredCandidate[], granted: GrantedCalls, label: string): Promise<StrategyResult> {
  const affordable = order.slice(0, grantedModels(granted).length);
  let lastError: ConnectError | undefined;
  for (const candidate of affordable) {
    const outcome = await checkedCall(run, candidate.model, { maxAttempts: candidate === affordable[affordable.length - 1] ? 0 : 1 });
    if (outcome.ok) return resultOf(outcome.response, label, candidate.predictedQuality);
    lastError = outcome.error;
    markEscalation(run, candidate.model, `${failureSummary(outcome.error)}: failing over`);
  }
  throw runFailure(run, lastError ?? new ConnectError("no candidate could be called within the request's limits", Code.ResourceExhausted));
}

/** Candidates that clear the bar, cheapest first; if none does, the single best predicted one. */
export function cheapestOrder(scored: readonly ScoredCandidate[], minQuality: number): ScoredCandidate[] {
  const clearing = scored.filter((candidate) => candidate.predictedQuality >= minQuality);
  if (clearing.length > 0) return clearing;
  const best = bestPredicted(scored);
  return best ? [best] : [];
}

/** The candidate predicted best (the cheapest of equals: `scored` is cheapest first). */
export function bestPredicted(scored: readonly ScoredCandidate[]): ScoredCandidate | undefined {
  return [...scored].sort((left, right) => right.predictedQuality - left.predictedQuality)[0];
}

/** Notes on a model's last attempt why the router moved on from it. */
export function markEscalation(run: RouteRun, model: string, reason: string): void {
  const attempt = [...run.attempts].reverse().find((each) => each.model === model);
  if (attempt) attempt.escalationReason = reason;
}
