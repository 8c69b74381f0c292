import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { reasonDetails } from "@switchyard/runtime";
import { callModel } from "../model-call.js";
import type { ModelCallOptions, ModelOutcome } from "../model-call.js";
import type { RouteRun } from "../route-run.js";
import { checkAnswer } from "./answer-checks.js";

/**
 * A model call whose answer must pass the request's contract checks (tool calls valid against
 * their tools, JSON valid against the response format). An answer that fails one is a failed
 * call, UNAVAILABLE with ErrorDetail ANSWER_CHECK_FAILED naming the check: pinned then fails
 * cleanly, failover strategies (cheapest, a confident auto) move to their next model, and a
 * cascade escalates. The attempt stays billed.
 */
export async function checkedCall(run: RouteRun, model: string, options: ModelCallOptions = {}): Promise<ModelOutcome> {
  const outcome = await callModel(run, model, options);
  if (!outcome.ok) return outcome;
  const failed = checkAnswer(outcome.response, run.request.params).find((check) => !check.passed);
  if (!failed) return outcome;
  const detail = `the answer failed the ${failed.kind} check: ${failed.detail}`;
  const reason = ErrorReason.ANSWER_CHECK_FAILED;
  return {
    ok: false,
    model,
    error: new ConnectError(`${model}: ${detail}`, Code.Unavailable, undefined, reasonDetails({ reason, model, check: failed.kind })),
    reason,
  };
}
