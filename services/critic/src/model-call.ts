import { Code } from "@connectrpc/connect";
import type { ConnectError } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import type { Attempt } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { AttemptContext } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { callExecutor } from "@switchyard/runtime";
import type { ExecutorGenerateClient } from "@switchyard/runtime";
import type { CallBudget } from "./call-budget.js";
import type { PromptMessage } from "./critique-prompt.js";
import { correctiveTurn } from "./critique-prompt.js";
import type { ReplyParser } from "./structured-reply.js";

/**
 * Added to the deadline the executor is given: the critic's own deadline must fire first (it
 * cancels the call and records TIMED_OUT); the executor's is the backstop should that fail.
 */
const executorDeadlineGraceMs = 25;

/** One structured question to one model. */
export interface ModelCallSpec<T> {
  readonly model: string;
  readonly messages: readonly PromptMessage[];
  readonly parse: ReplyParser<T>;
  /** The keys the reply needs, named in the corrective turn. */
  readonly replyKeys: string;
  readonly context: AttemptContext;
  readonly maxOutputTokens: number;
}

/** What every call reports, whatever its outcome: attempts and cost from the executor. */
export interface CallRecord {
  readonly attempts: readonly Attempt[];
  readonly costNanoUsd: bigint;
  readonly latencyMs: number;
}

/** How a structured call ended. `cancelled`: the caller went away (not the deadline). */
export type ModelCallOutcome<T> = CallRecord &
  ({ readonly status: "ok"; readonly value: T } | { readonly status: "failed" | "timed_out" | "malformed" | "cancelled"; readonly error: string });

/**
 * Asks one model for a structured reply within the shared budget. A reply that does not parse
 * is retried once, with the model's reply and what was wrong appended as a corrective turn; a
 * second bad reply is MALFORMED. Provider failures are FAILED, a passed deadline TIMED_OUT.
 * Every attempt and its cost is kept, failed calls' too (`callExecutor`).
 */
export async function callForReply<T>(executor: ExecutorGenerateClient, spec: ModelCallSpec<T>, budget: CallBudget): Promise<ModelCallOutcome<T>> {
  const started = performance.now();
  const attempts: Attempt[] = [];
  let costNanoUsd = 0n;
  const record = (): CallRecord => ({ attempts, costNanoUsd, latencyMs: performance.now() - started });
  let messages = spec.messages;
  let problem = "";
  for (let round = 0; round < 2; round += 1) {
    if (budget.callerGone()) return { ...record(), status: "cancelled", error: "the caller cancelled the request" };
    if (budget.expired())
      return {
        ...record(),
        status: "timed_out",
        error: round === 0 ? "the deadline passed before this model was called" : `the deadline passed before the retry (${problem})`,
      };
    const outcome = await callExecutor(
      executor,
      { model: spec.model, messages: [...messages], params: { temperature: 0, maxOutputTokens: spec.maxOutputTokens }, context: spec.context },
      { signal: budget.signal, timeoutMs: Math.ceil(budget.remainingMs()) + executorDeadlineGraceMs },
    );
    attempts.push(...outcome.attempts);
    costNanoUsd += outcome.costNanoUsd;
    if (!outcome.ok) return { ...record(), ...classifyFailure(outcome.error, budget) };
    const text = outcome.response.text;
    const parsed = spec.parse(text);
    if (parsed.ok) return { ...record(), status: "ok", value: parsed.value };
    problem = parsed.problem;
    messages = [...spec.messages, ...correctiveTurn(text, problem, spec.replyKeys)];
  }
  return { ...record(), status: "malformed", error: `two replies were not valid: ${problem}` };
}

function classifyFailure(error: ConnectError, budget: CallBudget): { status: "failed" | "timed_out" | "cancelled"; error: string } {
  if (budget.callerGone()) return { status: "cancelled", error: "the caller cancelled the request" };
  if (budget.expired()) return { status: "timed_out", error: "the deadline passed while this model was answering" };
  if (error.code === Code.DeadlineExceeded) return { status: "timed_out", error: `deadline_exceeded: ${error.rawMessage}` };
  return { status: "failed", error: `${codeToString(error.code)}: ${error.rawMessage}` };
}
