import { ConnectError } from "@connectrpc/connect";
import type { GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { RouteRun } from "../route-run.js";

/** What reading one answer found: the answer scorer's probability and, when tests ran, their verdict. */
export interface AnswerReading {
  readonly probability: number;
  readonly verdict: "passed" | "failed" | undefined;
}

/** True when the prompt states tests an answer can be run against (MBPP asserts, doctests). */
export function statesTests(prompt: string): boolean {
  return /^[ \t]*assert\s.+$/m.test(prompt) || /^[ \t]*>>>\s.+$/m.test(prompt);
}

/**
 * Reads an answer with the selector (`ScoreAnswer`, verified against the prompt's tests when it
 * states any) and records the checks on the routing decision. Verification decides when it ran:
 * a pass is accepted (at least 0.95), a failure escalates (at most 0.05); otherwise the answer
 * scorer's calibrated probability is the answer's confidence. Undefined when the selector
 * cannot answer (the cascade then falls back to the signals it has).
 */
export async function readAnswer(run: RouteRun, response: GenerateResponse, threshold: number, verify: boolean): Promise<number | undefined> {
  let reading: AnswerReading;
  try {
    const scored = await run.deps.selector.scoreAnswer(
      { messages: run.request.messages, answer: response.text, model: response.model, verify },
      run.callOptions(),
    );
    const verdict = scored.verification?.verdict;
    reading = { probability: scored.probability, verdict: verdict === "passed" || verdict === "failed" ? verdict : undefined };
    if (scored.verification && reading.verdict)
      run.decision.check(
        response.model,
        "tests",
        reading.verdict === "passed" ? 1 : 0,
        reading.verdict === "passed",
        `${scored.verification.tests} tests, run ${scored.verification.run || "none"}`,
      );
  } catch (error) {
    const failure = ConnectError.from(error);
    run.deps.logger.warn({ code: failure.code, error: failure.rawMessage }, "selector could not read the answer");
    return undefined;
  }
  const confidence =
    reading.verdict === "passed"
      ? Math.max(0.95, reading.probability)
      : reading.verdict === "failed"
        ? Math.min(0.05, reading.probability)
        : reading.probability;
  run.decision.check(response.model, "answer_scorer", reading.probability, confidence >= threshold, reading.verdict ? `verification ${reading.verdict}` : "");
  return confidence;
}
