import { ConnectError } from "@connectrpc/connect";
import type { CritiqueResponse } from "@switchyard/contracts/switchyard/v1/critic_pb";
import type { GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { attemptContext } from "../model-call.js";
import type { RouteRun } from "../route-run.js";

/**
 * Asks the critic to review an answer and records the critics' attempts and cost in the run.
 * Critic models that could take the request past its max_cost are left out. A critic service
 * failure leaves the answer unreviewed (undefined) instead of failing a request that has one.
 */
export async function critiqueAnswer(
  run: RouteRun,
  answer: GenerateResponse,
  critics: readonly string[],
  maxConcurrency: number,
): Promise<CritiqueResponse | undefined> {
  const affordable = critics.filter((model) => run.canAfford(model));
  if (affordable.length === 0) return undefined;
  try {
    const review = await run.deps.critic.critique(
      { messages: run.request.messages, answer: answer.text, answerModel: answer.model, critics: affordable, maxConcurrency, context: attemptContext(run) },
      run.callOptions(),
    );
    for (const critique of review.critiques) run.record(critique.attempts);
    return review;
  } catch (error) {
    run.deps.logger.warn({ error: ConnectError.from(error).rawMessage }, "critic unavailable; answer returned without critiques");
    return undefined;
  }
}
