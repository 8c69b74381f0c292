import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { FinishReason as ContractFinishReason } from "@switchyard/contracts/switchyard/v1/common_pb";
import { GenerateResponseSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { FinishReason } from "@switchyard/provider-spec";
import { reasonDetails } from "@switchyard/runtime";
import type { OutgoingDetail } from "@switchyard/runtime";
import { toAttempt, toUsage } from "../attempt-record.js";
import type { ModelDeployment } from "../model-deployments.js";
import { providerErrorToConnectError } from "../provider-error-status.js";
import type { AttemptEnd } from "./attempt-end.js";
import type { CallOutcome } from "./run-call.js";

const finishReasons: Record<FinishReason, ContractFinishReason> = {
  stop: ContractFinishReason.STOP,
  length: ContractFinishReason.LENGTH,
  "content-filter": ContractFinishReason.CONTENT_FILTER,
  "tool-calls": ContractFinishReason.TOOL_CALLS,
  error: ContractFinishReason.ERROR,
  cancelled: ContractFinishReason.CANCELLED,
  other: ContractFinishReason.OTHER,
  unknown: ContractFinishReason.UNSPECIFIED,
};

/**
 * The call as the caller sees it: the answer (or, for a failed call, the text that did reach
 * it), the usage of the last attempt, the cost of every billed attempt, and every attempt
 * itemised. A failed call's figures travel as a detail of its error.
 */
export function toGenerateResponse(deployment: ModelDeployment, outcome: CallOutcome, partialText = ""): GenerateResponse {
  const last = outcome.last;
  const lastAttempt = outcome.attempts.at(-1);
  return create(GenerateResponseSchema, {
    text: outcome.success?.text ?? partialText,
    model: deployment.model,
    provider: deployment.provider,
    providerModel: deployment.providerModel,
    usage: toUsage(lastAttempt?.usage),
    finishReason: outcome.success
      ? finishReasons[outcome.success.finishReason]
      : last.kind === "stopped"
        ? ContractFinishReason.CANCELLED
        : ContractFinishReason.ERROR,
    costNanoUsd: outcome.attempts.reduce((sum, attempt) => sum + attempt.costNanoUsd, 0n),
    latencyMs: outcome.latencyMs,
    timeToFirstTokenMs: last.kind === "rejected" ? 0 : last.callTimeToFirstTokenMs,
    attempts: outcome.attempts.map(toAttempt),
    ...(outcome.success?.meanLogprob !== undefined ? { meanLogprob: outcome.success.meanLogprob } : {}),
    toolCalls: (outcome.success?.toolCalls ?? []).map(({ id, name, argumentsJson }) => ({ id, name, argumentsJson })),
    simulated: deployment.simulated,
  });
}

/**
 * The error of a failed call, with the codes the router acts on: the provider's failure as
 * mapped (message kept, ErrorDetail CONTEXT_LENGTH_EXCEEDED, PROVIDER_* ...), a refusal with
 * ErrorDetail CIRCUIT_OPEN / RATE_LIMITED / QUEUE_FULL and its retry delay, or DEADLINE_EXCEEDED /
 * CANCELED. The GenerateResponse with every attempt is attached as a detail.
 */
export function toCallError(deployment: ModelDeployment, outcome: CallOutcome, response: GenerateResponse): ConnectError {
  const itemised: OutgoingDetail = { desc: GenerateResponseSchema, value: response };
  const attempts = outcome.attempts.length;
  const last: AttemptEnd = outcome.last;
  switch (last.kind) {
    case "failed":
      return providerErrorToConnectError(last.error, deployment.model, [itemised]);
    case "rejected": {
      const details = [
        ...reasonDetails({ reason: last.reason, model: deployment.model, ...(last.retryAfterMs !== undefined ? { retryAfterMs: last.retryAfterMs } : {}) }),
        itemised,
      ];
      return new ConnectError(`${last.message} (${attempts} attempt${attempts === 1 ? "" : "s"})`, last.code, undefined, details);
    }
    case "stopped":
      return last.reason === "deadline"
        ? new ConnectError(`the deadline passed during attempt ${attempts} on ${deployment.model}`, Code.DeadlineExceeded, undefined, [itemised])
        : new ConnectError("the caller cancelled the call", Code.Canceled, undefined, [itemised]);
    case "succeeded":
      throw new Error("a successful call has no error");
  }
}
