import { Code, ConnectError } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import type { Critique } from "@switchyard/contracts/switchyard/v1/critic_pb";
import type { GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { expectsExtractableAnswer, extractAnswer, isRefusal, logprobConfidence, selectorConfidence } from "../answer-signals.js";
import type { ScoredCandidate } from "../candidates.js";
import { scoreCandidates } from "../candidates.js";
import { callModel } from "../model-call.js";
import { budgetStopped, reservePlan } from "../reservation.js";
import type { RouteRun } from "../route-run.js";
import { runFailure } from "../run-failure.js";
import type { StrategyResult } from "../strategy-result.js";
import { resultOf } from "../strategy-result.js";
import { critiqueAnswer } from "./critique-call.js";
import { buildLadder, explicitLadder, largerWindowsOnly } from "./cascade-ladder.js";
import { markEscalation } from "./cheapest-strategy.js";

/** What a cascade is asked for. */
export interface CascadePlan {
  readonly chain: readonly string[];
  readonly candidates: readonly string[];
  readonly minQuality: number;
  readonly threshold: number;
  readonly critics: readonly string[];
  readonly label: string;
  /** Candidates already scored (by auto), so the selector is asked once per request. */
  readonly scored?: readonly ScoredCandidate[];
}

/** An answer on the ladder, with its extracted final answer when there is one. */
interface Rung {
  readonly candidate: ScoredCandidate;
  readonly response: GenerateResponse;
  readonly extracted: string | undefined;
}

/**
 * `cascade(chain?, threshold)`: start cheap and climb. A rung is left on an error, a refusal, a
 * context-length error (to a model with a larger window), or an answer whose confidence is under
 * the threshold. Confidence comes from the cheapest signal that applies: agreement between the
 * extracted answers of two models (choices, numbers), then log-probabilities, then a critic's
 * score when critics are named, then the selector's calibrated prediction. Each escalation's
 * reason is recorded on the attempt it left.
 */
export async function runCascade(run: RouteRun, plan: CascadePlan): Promise<StrategyResult> {
  const scored = plan.chain.length > 0 ? await explicitLadder(run, plan.chain) : (plan.scored ?? (await scoreCandidates(run, plan.candidates, "strategy.cascade.candidates")));
  // After scoring: the selector's task type is one of the hints that an answer is checkable.
  const extractable = expectsExtractableAnswer(lastUserText(run), run.taskType);
  const checkable = extractable || plan.critics.length > 0 || run.request.params?.logprobs === true;
  const ladder = plan.chain.length > 0 ? scored : worthCalling(buildLadder(scored, plan.minQuality), checkable, plan.threshold);
  const reserved = await reservePlan(run, ladder.map((candidate) => candidate.model));
  let pending = ladder.slice(0, reserved.models.length);
  const rungs: Rung[] = [];
  let lastError: ConnectError | undefined;
  let lastRefusal: GenerateResponse | undefined;
  while (pending.length > 0) {
    const batch = pending.splice(0, extractable && rungs.length === 0 && pending.length >= 3 ? 2 : 1);
    const outcomes = await Promise.all(batch.map((candidate) => callModel(run, candidate.model, { maxAttempts: pending.length === 0 ? 0 : 1 })));
    for (const [index, outcome] of outcomes.entries()) {
      const candidate = batch[index]!;
      if (!outcome.ok) {
        lastError = outcome.error;
        if (outcome.contextLength) pending = largerWindowsOnly(pending, candidate.contextWindow);
        markEscalation(run, candidate.model, outcome.contextLength ? "context length exceeded: escalating to a larger window" : `failed with ${codeToString(outcome.error.code)}`);
      } else if (isRefusal(outcome.response.text)) {
        lastRefusal = outcome.response;
        markEscalation(run, candidate.model, "refusal");
      } else {
        rungs.push({ candidate, response: outcome.response, extracted: extractAnswer(outcome.response.text) });
      }
    }
    const accepted = await accept(run, plan, rungs, extractable, pending.length === 0);
    if (accepted) return accepted;
  }
  if (lastRefusal) return resultOf(lastRefusal, plan.label, 0);
  if (reserved.refusal) throw runFailure(run, budgetStopped(reserved.refusal, reserved.models[reserved.models.length - 1]!));
  throw runFailure(run, lastError ?? new ConnectError("no model on the cascade could be called", Code.ResourceExhausted));
}

async function accept(run: RouteRun, plan: CascadePlan, rungs: readonly Rung[], extractable: boolean, atTop: boolean): Promise<StrategyResult | undefined> {
  const latest = rungs[rungs.length - 1];
  if (!latest) return undefined;
  if (extractable && rungs.some((rung) => rung.extracted !== undefined)) {
    const voted = majorityRung(rungs);
    if (voted) return resultOf(voted.rung.response, plan.label, voted.share);
    if (atTop) return resultOf(latest.response, plan.label, 0.5 / rungs.length);
    markEscalation(run, latest.candidate.model, rungs.length === 1 ? "no second opinion yet: escalating" : "answers disagree: escalating for a tie-break");
    return undefined;
  }
  const { confidence, critiques } = await confidenceOf(run, plan, latest);
  if (confidence >= plan.threshold || atTop) return { ...resultOf(latest.response, plan.label, confidence), ...(critiques ? { critiques } : {}) };
  markEscalation(run, latest.candidate.model, `low confidence ${confidence.toFixed(2)} < ${plan.threshold}`);
  return undefined;
}

/**
 * When nothing about an answer can be checked (no extractable result, no critics, no
 * log-probabilities), the only signal is the selector's prediction, which an answer does not
 * change: a rung predicted under the threshold would be escalated whatever it says, so calling
 * it is waste. Such ladders keep only the rungs predicted to pass (errors still climb them),
 * or the best predicted rung when none is.
 */
function worthCalling(ladder: readonly ScoredCandidate[], checkable: boolean, threshold: number): ScoredCandidate[] {
  if (checkable) return [...ladder];
  const passing = ladder.filter((candidate) => selectorConfidence(candidate.predictedQuality, candidate.confidence) >= threshold);
  return passing.length > 0 ? passing : ladder.slice(-1);
}

/** The strongest answer among those sharing the most common extracted answer, once two agree. */
function majorityRung(rungs: readonly Rung[]): { rung: Rung; share: number } | undefined {
  const value = majority(rungs);
  const agreeing = rungs.filter((rung) => rung.extracted !== undefined && rung.extracted === value);
  if (agreeing.length < 2) return undefined;
  const withAnswers = rungs.filter((rung) => rung.extracted !== undefined).length;
  return { rung: agreeing[agreeing.length - 1]!, share: 0.5 + 0.45 * (agreeing.length / withAnswers) };
}

function majority(rungs: readonly Rung[]): string | undefined {
  const counts = new Map<string, number>();
  for (const rung of rungs) if (rung.extracted !== undefined) counts.set(rung.extracted, (counts.get(rung.extracted) ?? 0) + 1);
  return [...counts.entries()].sort((left, right) => right[1] - left[1])[0]?.[0];
}

async function confidenceOf(run: RouteRun, plan: CascadePlan, rung: Rung): Promise<{ confidence: number; critiques?: readonly Critique[] }> {
  if (rung.response.meanLogprob !== undefined) return { confidence: logprobConfidence(rung.response.meanLogprob) };
  if (plan.critics.length > 0) {
    const review = await critiqueAnswer(run, rung.response, plan.critics, 0);
    if (review) return { confidence: review.aggregateScore, critiques: review.critiques };
  }
  return { confidence: selectorConfidence(rung.candidate.predictedQuality, rung.candidate.confidence) };
}

function lastUserText(run: RouteRun): string {
  return [...run.request.messages].reverse().find((message) => message.role === "user")?.content ?? "";
}
