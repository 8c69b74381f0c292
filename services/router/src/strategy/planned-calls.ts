import type { RouteRun } from "../route-run.js";
import type { CallRole, GrantedCalls, PlannedCall } from "./strategy-contract.js";

/** An answer call to `model` with the request's messages (its worst case, as RouteRun estimates). */
export function answerCall(run: RouteRun, model: string, role: CallRole = "answer"): PlannedCall {
  return { model, role, estimate: run.estimate(model) };
}

/**
 * A call that reads `answers` answers besides the conversation (a critique, a judgement, a
 * synthesis): its input is the conversation plus each answer at its worst-case length, its
 * output the review length the routing configuration allows (or the request's, to synthesize).
 */
export function reviewCall(run: RouteRun, model: string, role: Exclude<CallRole, "answer">, answers: number): PlannedCall {
  const conversation = run.estimate(model);
  const answerTokens = answers * (run.request.params?.maxOutputTokens ?? run.deps.routing.defaultMaxOutputTokens);
  const outputTokens = role === "synthesizer" ? conversation.maxOutputTokens : run.deps.routing.reviewMaxOutputTokens;
  const inputTokens = conversation.inputTokens + answerTokens;
  const usage = {
    inputTokens,
    cachedInputTokens: 0,
    cacheCreationInputTokens: 0,
    outputTokens,
    reasoningTokens: 0,
    totalTokens: inputTokens + outputTokens,
    estimated: true,
  };
  return { model, role, estimate: { inputTokens, maxOutputTokens: outputTokens, maxCostNanoUsd: run.deps.pricing.costOf(model, usage) } };
}

/** The models of the granted calls with a given role, in plan order. */
export function grantedModels(granted: GrantedCalls, role: CallRole = "answer"): string[] {
  return granted.calls.filter((call) => call.role === role).map((call) => call.model);
}
