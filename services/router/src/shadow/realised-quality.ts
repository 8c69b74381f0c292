import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { expectsExtractableAnswer, extractAnswer } from "../answer-signals.js";
import type { RouteRun } from "../route-run.js";
import { statesTests } from "../strategies/cascade-answer-check.js";

/** How good the served answer turned out, measured against the best model's shadow answer. */
export interface RealisedQuality {
  /** In [0,1]. */
  readonly quality: number;
  /** "agreement" (same extracted result), "tests" (the prompt's tests) or "answer_scorer". */
  readonly kind: "agreement" | "tests" | "answer_scorer";
}

/**
 * The served answer's realised quality: where both answers give a choice or a number, whether the
 * served one agrees with the best model's (1 or 0); otherwise the selector reads the served
 * answer (run against the prompt's tests when it states any: pass 1, fail 0; else the answer
 * scorer's calibrated probability).
 */
export async function realisedQuality(run: RouteRun, served: CompleteResponse, shadowAnswer: string): Promise<RealisedQuality> {
  const prompt = [...run.request.messages].reverse().find((message) => message.role === "user")?.content ?? "";
  const mine = extractAnswer(served.answer);
  const best = extractAnswer(shadowAnswer);
  if (expectsExtractableAnswer(prompt, run.taskType) && mine !== undefined && best !== undefined) {
    return { quality: mine === best ? 1 : 0, kind: "agreement" };
  }
  const verify = statesTests(prompt);
  const scored = await run.deps.selector.scoreAnswer({ messages: run.request.messages, answer: served.answer, model: served.model, verify }, run.callOptions());
  const verdict = scored.verification?.verdict;
  if (verdict === "passed" || verdict === "failed") return { quality: verdict === "passed" ? 1 : 0, kind: "tests" };
  return { quality: Math.min(1, Math.max(0, scored.probability)), kind: "answer_scorer" };
}
