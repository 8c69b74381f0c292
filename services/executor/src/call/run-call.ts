import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "@switchyard/runtime";
import type { AttemptFacts, AttemptOwner } from "../attempt-record.js";
import { attemptFacts, toCostEvent } from "../attempt-record.js";
import type { CostEventSink } from "../costs/cost-event-sink.js";
import type { ExecutorMetrics } from "../executor-metrics.js";
import type { AttemptEnd, AttemptSucceeded } from "./attempt-end.js";
import type { BackoffPolicy } from "./retry-delay.js";
import { retryDelayMs } from "./retry-delay.js";
import type { AttemptPlan } from "./run-attempt.js";
import { runAttempt } from "./run-attempt.js";

/** What the retry loop needs besides the call itself. */
export interface CallServices {
  readonly costs: CostEventSink;
  readonly metrics: ExecutorMetrics;
  readonly logger: Logger;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  readonly newId: () => string;
  readonly now: () => Date;
}

/** A call to run: its attempts' plan, how many attempts it may make, whom it is billed to. */
export interface CallPlan extends AttemptPlan {
  readonly maxAttempts: number;
  readonly owner: AttemptOwner;
}

/** How a call ended: its attempts in order, and the last attempt's end. */
export interface CallOutcome {
  readonly attempts: readonly AttemptFacts[];
  readonly last: AttemptEnd;
  readonly success?: AttemptSucceeded;
  readonly latencyMs: number;
}

/**
 * Runs attempts until one succeeds or there is no point in another: the failure is not
 * retryable, text has already reached the caller (a stream never switches answers after its
 * first token), the attempts are used up, or the wait before the next one (backoff with jitter,
 * at least the provider's Retry-After) would end past the deadline, in which case it does not
 * wait at all. Each attempt that reached the provider publishes its cost event before the next.
 */
export async function runCall(plan: CallPlan, services: CallServices): Promise<CallOutcome> {
  const attempts: AttemptFacts[] = [];
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    const end = await runAttempt(plan);
    const facts = attemptFacts(end, { attemptId: services.newId(), attemptNumber }, plan.served.deployment, services.now());
    attempts.push(facts);
    record(facts, end, plan, services);
    const outcome = { attempts, last: end, latencyMs: performance.now() - plan.callStartedMs };
    if (end.kind === "succeeded") return { ...outcome, success: end };
    const delayMs = nextDelay(end, attemptNumber, plan, services);
    if (delayMs === undefined) return outcome;
    try {
      await sleep(delayMs, undefined, { signal: plan.deadline.signal });
    } catch {
      return outcome;
    }
  }
}

/** The wait before another attempt, or undefined when there should be none. */
function nextDelay(end: AttemptEnd, attemptNumber: number, plan: CallPlan, services: CallServices): number | undefined {
  if (end.kind === "stopped" || attemptNumber >= plan.maxAttempts) return undefined;
  if (end.kind === "failed" && (end.producedText || !end.error.isRetryable)) return undefined;
  const retryAfterMs = end.kind === "failed" ? end.error.retryAfterMs : end.kind === "rejected" ? end.retryAfterMs : undefined;
  const delayMs = retryDelayMs(attemptNumber, retryAfterMs, services.backoff, services.random);
  return delayMs < plan.deadline.remainingMs() ? delayMs : undefined;
}

function record(facts: AttemptFacts, end: AttemptEnd, plan: CallPlan, services: CallServices): void {
  services.metrics.recordAttempt(facts);
  // A refused attempt never reached the provider: it is itemised in the response, not billed or published.
  if (end.kind !== "rejected") services.costs.publish(toCostEvent(facts, plan.owner));
  if (end.kind === "succeeded") return;
  services.logger.warn(
    {
      model: facts.deployment.model,
      attempt: facts.attemptNumber,
      attemptId: facts.attemptId,
      outcome: end.kind,
      code: facts.errorCode,
      error: facts.errorMessage,
      billed: facts.billed,
    },
    "provider attempt did not succeed",
  );
}
