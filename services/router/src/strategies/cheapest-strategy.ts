import { Code, ConnectError } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import type { ScoredCandidate } from "../candidates.js";
import { scoreCandidates } from "../candidates.js";
import { callModel } from "../model-call.js";
import { reservePlan } from "../reservation.js";
import type { RouteRun } from "../route-run.js";
import { runFailure } from "../run-failure.js";
import type { StrategyResult } from "../strategy-result.js";
import { resultOf } from "../strategy-result.js";

/** What `cheapest` is asked for. */
export interface CheapestPlan {
  readonly minQuality: number;
  readonly candidates: readonly string[];
  readonly label: string;
  /** Candidates already scored (by auto), so the selector is asked once per request. */
  readonly scored?: readonly ScoredCandidate[];
}

/**
 * `cheapest(min_quality)`: the cheapest candidate whose predicted quality clears the bar. If the
 * call fails, the next cheapest that clears the bar answers instead. When no candidate clears
 * it, the best predicted candidate answers and the response's confidence says so.
 */
export async function runCheapest(run: RouteRun, plan: CheapestPlan): Promise<StrategyResult> {
  const scored = plan.scored ?? (await scoreCandidates(run, plan.candidates, "strategy.cheapest.candidates"));
  const order = cheapestOrder(scored, plan.minQuality);
  const reserved = await reservePlan(run, order.map((candidate) => candidate.model));
  let lastError: ConnectError | undefined;
  const affordable = order.slice(0, reserved.models.length);
  for (const candidate of affordable) {
    const outcome = await callModel(run, candidate.model, { maxAttempts: candidate === affordable[affordable.length - 1] ? 0 : 1 });
    if (outcome.ok) return resultOf(outcome.response, plan.label, candidate.predictedQuality);
    lastError = outcome.error;
    markEscalation(run, candidate.model, `failed with ${codeToString(outcome.error.code)}: failing over`);
  }
  throw runFailure(run, lastError ?? new ConnectError("no candidate could be called within the request's limits", Code.ResourceExhausted));
}

/** Candidates that clear the bar, cheapest first; if none does, the single best predicted one. */
export function cheapestOrder(scored: readonly ScoredCandidate[], minQuality: number): ScoredCandidate[] {
  const clearing = scored.filter((candidate) => candidate.predictedQuality >= minQuality);
  if (clearing.length > 0) return clearing;
  const best = [...scored].sort((left, right) => right.predictedQuality - left.predictedQuality)[0];
  return best ? [best] : [];
}

/** Notes on a model's last attempt why the router moved on from it. */
export function markEscalation(run: RouteRun, model: string, reason: string): void {
  const attempt = [...run.attempts].reverse().find((each) => each.model === model);
  if (attempt) attempt.escalationReason = reason;
}
