import { Code, ConnectError } from "@connectrpc/connect";
import type { Critique } from "@switchyard/contracts/switchyard/v1/critic_pb";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import type { GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { expectsExtractableAnswer, extractAnswer, isRefusal, logprobConfidence } from "../answer-signals.js";
import { budgetStopped } from "../budget/budget-stop.js";
import type { ScoredCandidate } from "../candidates.js";
import { calibratedQuality, scoreCandidates } from "../candidates.js";
import { checkedCall } from "../checks/checked-call.js";
import { toolCallAgreementKey } from "../checks/tool-call-agreement.js";
import { failureSummary } from "../failure-summary.js";
import type { RouteRun } from "../route-run.js";
import { cascadeChain } from "../rules/task-rules.js";
import { runFailure } from "../run-failure.js";
import type { StrategyResult } from "../strategy-result.js";
import { resultOf } from "../strategy-result.js";
import { reviewCall } from "../strategy/planned-calls.js";
import { qualityBar, requestBar } from "../strategy/quality-bar.js";
import type { GrantedCalls, PlannedCall, RouterStrategy, StrategyPlan } from "../strategy/strategy-contract.js";
import { critiqueAnswer } from "./critique-call.js";
import { agreementVerdict, answerChoices } from "./agreement-posterior.js";
import { buildLadder, explicitLadder, largerWindowsOnly, votingLadder } from "./cascade-ladder.js";
import { readAnswer, statesTests } from "./cascade-answer-check.js";
import { markEscalation } from "./cheapest-strategy.js";

/** What a cascade climbs and how it judges answers. */
export interface CascadeSpec {
  /** Models in the caller's order; empty lets the router build the ladder from the selector's scores. */
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

/** A ladder being climbed: the rungs still to call and the critics each may use. */
interface Climb {
  readonly spec: CascadeSpec;
  readonly extractable: boolean;
  /** Options the prompt offers for an extractable answer (agreement-posterior.ts); 0 when it has none. */
  readonly choices: number;
  /** How many cheap models are asked together first (a voting panel); 0 for none. */
  readonly panel: number;
  /** Critic models granted for the rung at each position of the ladder. */
  readonly criticsByRung: readonly (readonly string[])[];
}

/**
 * `cascade(chain?, threshold)`: start cheap and climb. A rung is left on an error, a refusal, a
 * context-length error (to a model with a larger window), or an answer whose confidence is under
 * the threshold. Confidence comes from the cheapest signal that applies: for an extractable
 * answer (choices, numbers, tool calls) the probability that the answers so far make it right
 * (agreement-posterior.ts; without a chain the first rungs are a panel asked together), then the
 * prompt's tests, log-probabilities, a critic's score when critics are named, the answer scorer,
 * and the selector's calibrated prediction. An answer that fails the request's tool-call or
 * JSON-schema check is left like an error. Each escalation's reason is recorded on the attempt
 * it left.
 *
 * The threshold is `min_quality` unless the strategy sets its own, and it is compared with a
 * calibrated probability: the answer scorer's P(good), isotonic-calibrated out of fold per
 * quality kind, so accepting at P(good) >= min_quality keeps the accepted answers' error at most
 * 1 - min_quality (services/selector/src/answer/answer-acceptance.test.ts measures it on a
 * held-back replay). Tests run in the sandbox count as at least 0.95 when they pass and at most
 * 0.05 when they fail, so a bar above 0.95 still needs the scorer to agree.
 */
export const cascadeStrategy: RouterStrategy<"cascade"> = {
  plan(run, options) {
    const minQuality = requestBar(run);
    const threshold = qualityBar(options?.threshold, "strategy.cascade.threshold") ?? minQuality;
    return cascadePlan(run, {
      chain: cascadeChain(run.deps.routing, options),
      candidates: options?.candidates ?? [],
      minQuality,
      threshold,
      critics: options?.critics ?? [],
      label: "cascade",
    });
  },
};

/**
 * The ladder and every call climbing it may make: each rung's answer, followed by a critique
 * of it by each critic, so that a plan cut to what the budget holds keeps whole rungs first.
 */
export async function cascadePlan(run: RouteRun, spec: CascadeSpec): Promise<StrategyPlan> {
  const scored =
    spec.chain.length > 0
      ? await explicitLadder(run, spec.chain)
      : (spec.scored ?? (await scoreCandidates(run, spec.candidates, "strategy.cascade.candidates")));
  // After scoring: the selector's task type is one of the hints that an answer is checkable.
  const prompt = lastUserText(run);
  const extractable = expectsExtractableAnswer(prompt, run.taskType);
  const choices = extractable ? answerChoices(prompt) : 0;
  const { ladder, panel } =
    spec.chain.length > 0
      ? { ladder: scored, panel: 0 }
      : extractable
        ? votingLadder(scored, spec.minQuality, spec.threshold, choices)
        : { ladder: buildLadder(scored, spec.minQuality), panel: 0 };
  const calls: PlannedCall[] = ladder.flatMap((candidate) => [
    { model: candidate.model, role: "answer" as const, estimate: candidate.estimate },
    ...spec.critics.map((critic) => reviewCall(run, critic, "critic", 1)),
  ]);
  return {
    label: spec.label,
    calls,
    execute: (granted) => climb(run, ladder, { spec, extractable, choices, panel, criticsByRung: criticsByRung(granted) }, granted),
  };
}

/** For each granted rung, the critics whose calls on it were granted too. */
function criticsByRung(granted: GrantedCalls): string[][] {
  const rungs: string[][] = [];
  for (const call of granted.calls) {
    if (call.role === "answer") rungs.push([]);
    else rungs[rungs.length - 1]?.push(call.model);
  }
  return rungs;
}

async function climb(run: RouteRun, ladder: readonly ScoredCandidate[], state: Climb, granted: GrantedCalls): Promise<StrategyResult> {
  let pending = ladder.slice(0, state.criticsByRung.length);
  const rungs: Rung[] = [];
  let lastError: ConnectError | undefined;
  let lastRefusal: GenerateResponse | undefined;
  let first = true;
  while (pending.length > 0) {
    const batch = pending.splice(0, first ? firstBatch(state, pending.length) : 1);
    first = false;
    const outcomes = await Promise.all(batch.map((candidate) => checkedCall(run, candidate.model, { maxAttempts: pending.length === 0 ? 0 : 1 })));
    for (const [index, outcome] of outcomes.entries()) {
      const candidate = batch[index]!;
      if (!outcome.ok) {
        lastError = outcome.error;
        const contextLength = outcome.reason === ErrorReason.CONTEXT_LENGTH_EXCEEDED;
        if (contextLength) pending = largerWindowsOnly(pending, candidate.contextWindow);
        markEscalation(run, candidate.model, contextLength ? "context length exceeded: escalating to a larger window" : failureSummary(outcome.error));
      } else if (isRefusal(outcome.response.text)) {
        lastRefusal = outcome.response;
        markEscalation(run, candidate.model, "refusal");
      } else {
        rungs.push({ candidate, response: outcome.response, extracted: toolCallAgreementKey(outcome.response) ?? extractAnswer(outcome.response.text) });
      }
    }
    const accepted = await accept(run, state, ladder, rungs, pending.length === 0);
    if (accepted) return accepted;
  }
  run.decision.stop(granted.refusal ? "budget" : "top_of_ladder");
  if (lastRefusal) return resultOf(lastRefusal, state.spec.label, 0);
  const fallback = lastError ?? new ConnectError("no model on the cascade could be called", Code.ResourceExhausted);
  throw runFailure(run, granted.refusal ? budgetStopped(granted, fallback) : fallback);
}

async function accept(
  run: RouteRun,
  state: Climb,
  ladder: readonly ScoredCandidate[],
  rungs: readonly Rung[],
  atTop: boolean,
): Promise<StrategyResult | undefined> {
  const latest = rungs[rungs.length - 1];
  if (!latest) return undefined;
  const label = state.spec.label;
  // At the top, an answer nothing could be extracted from is judged on its own (below).
  if (state.extractable && rungs.some((rung) => rung.extracted !== undefined) && (!atTop || latest.extracted !== undefined))
    return acceptAgreement(run, state, rungs, atTop);
  const critics = state.criticsByRung[ladder.indexOf(latest.candidate)] ?? [];
  const { confidence, critiques } = await confidenceOf(run, latest, critics, state.spec.threshold);
  if (confidence >= state.spec.threshold || atTop) {
    run.decision.stop(confidence >= state.spec.threshold ? "accepted" : "top_of_ladder");
    return { ...resultOf(latest.response, label, confidence), ...(critiques ? { critiques } : {}) };
  }
  markEscalation(run, latest.candidate.model, `low confidence ${confidence.toFixed(2)} < ${state.spec.threshold}`);
  return undefined;
}

/** The first batch: the voting panel together; on an explicit chain with an extractable answer, two; else one at a time. */
function firstBatch(state: Climb, pending: number): number {
  if (state.panel > 0) return state.panel;
  return state.extractable && pending >= 3 ? 2 : 1;
}

/**
 * Accepts the answer the extracted answers so far make most likely right, when that probability
 * (agreement-posterior.ts) clears the threshold; at the top of the ladder returns it anyway, with
 * its probability as the confidence. The answer returned is the strongest rung's among those
 * naming it.
 */
function acceptAgreement(run: RouteRun, state: Climb, rungs: readonly Rung[], atTop: boolean): StrategyResult | undefined {
  const voting = rungs.filter((rung) => rung.extracted !== undefined);
  const verdict = agreementVerdict(
    voting.map((rung) => ({ answer: rung.extracted!, quality: calibratedQuality(rung.candidate) })),
    state.choices,
  )!;
  const naming = voting.filter((rung) => rung.extracted === verdict.answer);
  const chosen = naming[naming.length - 1]!;
  const passed = verdict.probability >= state.spec.threshold;
  const detail = `${naming.length} of ${rungs.length} answers agree`;
  run.decision.check(chosen.candidate.model, "agreement", verdict.probability, passed, detail);
  if (passed || atTop) {
    run.decision.stop(passed ? "accepted" : "top_of_ladder");
    return resultOf(chosen.response, state.spec.label, verdict.probability);
  }
  const latest = rungs[rungs.length - 1]!;
  const why = rungs.length === 1 ? "no second opinion yet" : "answers disagree";
  markEscalation(run, latest.candidate.model, `${why} (agreement ${verdict.probability.toFixed(2)} < ${state.spec.threshold}): escalating`);
  return undefined;
}

/**
 * The answer's confidence from the strongest signal that applies: the prompt's tests when it
 * states any (run in the selector's sandbox), then log-probabilities, then critics, then the
 * answer scorer's calibrated reading of the answer, and only when the selector cannot read it
 * the ex-ante prediction. Each signal used is recorded as a check on the routing decision.
 */
async function confidenceOf(
  run: RouteRun,
  rung: Rung,
  critics: readonly string[],
  threshold: number,
): Promise<{ confidence: number; critiques?: readonly Critique[] }> {
  const model = rung.candidate.model;
  const tested = statesTests(lastUserText(run));
  const read =
    tested || (rung.response.meanLogprob === undefined && critics.length === 0) ? await readAnswer(run, rung.response, threshold, tested) : undefined;
  if (tested && read !== undefined && (read >= 0.95 || read <= 0.05)) return { confidence: read };
  if (rung.response.meanLogprob !== undefined) {
    const confidence = logprobConfidence(rung.response.meanLogprob);
    run.decision.check(model, "logprobs", confidence, confidence >= threshold);
    return { confidence };
  }
  if (critics.length > 0) {
    const review = await critiqueAnswer(run, rung.response, critics, 0);
    if (review) {
      run.decision.check(model, "critic", review.aggregateScore, review.aggregateScore >= threshold, `${review.critiques.length} critiques`);
      return { confidence: review.aggregateScore, critiques: review.critiques };
    }
  }
  if (read !== undefined) return { confidence: read };
  const confidence = calibratedQuality(rung.candidate);
  run.decision.check(model, "selector", confidence, confidence >= threshold, "ex-ante prediction");
  return { confidence };
}

function lastUserText(run: RouteRun): string {
  return [...run.request.messages].reverse().find((message) => message.role === "user")?.content ?? "";
}
