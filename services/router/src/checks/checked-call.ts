import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorInfoSchema } from "@switchyard/contracts/google/rpc/error_details_pb";
import { callModel } from "../model-call.js";
import type { ModelCallOptions, ModelOutcome } from "../model-call.js";
import type { RouteRun } from "../route-run.js";
import { checkAnswer } from "./answer-checks.js";

/** ErrorInfo.reason of an answer that failed a contract check. */
export const answerCheckFailedReason = "ANSWER_CHECK_FAILED";

/**
 * A model call whose answer must pass the request's contract checks (tool calls valid against
 * their tools, JSON valid against the response format). An answer that fails one is a failed
 * call, UNAVAILABLE with ErrorInfo ANSWER_CHECK_FAILED and the check's detail: pinned then fails
 * cleanly, failover strategies (cheapest, a confident auto) move to their next model, and a
 * cascade escalates. The attempt stays billed.
 */
export async function checkedCall(run: RouteRun, model: string, options: ModelCallOptions = {}): Promise<ModelOutcome> {
  const outcome = await callModel(run, model, options);
  if (!outcome.ok) return outcome;
  const failed = checkAnswer(outcome.response, run.request.params).find((check) => !check.passed);
  if (!failed) return outcome;
  const detail = `the answer failed the ${failed.kind} check: ${failed.detail}`;
  const info = create(ErrorInfoSchema, { reason: answerCheckFailedReason, domain: "switchyard.dev", metadata: { model, check: failed.kind } });
  return { ok: false, model, error: new ConnectError(`${model}: ${detail}`, Code.Unavailable, undefined, [{ desc: ErrorInfoSchema, value: info }]), contextLength: false };
}

/** The check an outcome's error says the answer failed, or undefined for any other failure. */
export function failedCheckOf(error: ConnectError): string | undefined {
  const info = error.findDetails(ErrorInfoSchema).find((entry) => entry.reason === answerCheckFailedReason);
  return info ? `failed the ${info.metadata["check"] ?? "answer"} check` : undefined;
}
