import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { costOfUsage } from "@switchyard/pricing";
import { activeTraceparent } from "@switchyard/runtime";
import type { TokenUsage } from "@switchyard/provider-spec";
import { AttemptOutcome, AttemptSchema, UsageSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import type { Attempt, Usage } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { AttemptContext } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { AttemptEnd } from "./call/attempt-end.js";
import { billedUsage } from "./call/attempt-end.js";
import type { ModelDeployment } from "./model-deployments.js";
import { codeForProviderError, reasonForProviderError } from "./provider-error-status.js";

/** Everything known about one finished attempt. */
export interface AttemptFacts {
  readonly attemptId: string;
  readonly attemptNumber: number;
  readonly deployment: ModelDeployment;
  readonly outcome: AttemptOutcome;
  readonly errorCode?: Code;
  readonly errorMessage?: string;
  /** Why it failed or was refused, where Switchyard knows. */
  readonly errorReason?: ErrorReason;
  /** The billed usage (undefined: not billed). */
  readonly usage?: TokenUsage;
  readonly costNanoUsd: bigint;
  readonly billed: boolean;
  readonly latencyMs: number;
  readonly timeToFirstTokenMs: number;
  readonly occurredAt: Date;
}

/** Who the attempt was for. */
export interface AttemptOwner {
  readonly tenant: string;
  readonly context: AttemptContext | undefined;
}

const outcomeByKind = {
  succeeded: AttemptOutcome.SUCCEEDED,
  failed: AttemptOutcome.FAILED,
  rejected: AttemptOutcome.REJECTED,
  stopped: AttemptOutcome.CANCELLED,
} as const;

/**
 * The facts of an attempt from how it ended. It is billed exactly when the provider bills it:
 * a success, or a stream that broke or was stopped after producing tokens; an error answer, a
 * refused attempt or a call stopped before any token costs nothing.
 */
export function attemptFacts(
  end: AttemptEnd,
  identity: { attemptId: string; attemptNumber: number },
  deployment: ModelDeployment,
  occurredAt: Date,
): AttemptFacts {
  const usage = billedUsage(end);
  const error = errorOf(end);
  return {
    ...identity,
    deployment,
    outcome: outcomeByKind[end.kind],
    ...error,
    ...(usage ? { usage } : {}),
    costNanoUsd: usage ? costOfUsage(usage, deployment.price) : 0n,
    billed: usage !== undefined,
    latencyMs: end.kind === "rejected" ? 0 : end.latencyMs,
    timeToFirstTokenMs: end.kind === "rejected" ? 0 : end.timeToFirstTokenMs,
    occurredAt,
  };
}

function errorOf(end: AttemptEnd): { errorCode?: Code; errorMessage?: string; errorReason?: ErrorReason } {
  switch (end.kind) {
    case "succeeded":
      return {};
    case "failed":
      return { errorCode: codeForProviderError(end.error), errorMessage: end.error.message, errorReason: reasonForProviderError(end.error) };
    case "rejected":
      return { errorCode: end.code, errorMessage: end.message, errorReason: end.reason };
    case "stopped":
      return end.reason === "deadline"
        ? { errorCode: Code.DeadlineExceeded, errorMessage: "the call's deadline passed" }
        : { errorCode: Code.Canceled, errorMessage: "the caller cancelled the call" };
  }
}

/** The attempt as itemised in responses. */
export function toAttempt(facts: AttemptFacts): Attempt {
  return create(AttemptSchema, {
    attemptId: facts.attemptId,
    model: facts.deployment.model,
    provider: facts.deployment.provider,
    outcome: facts.outcome,
    errorCode: facts.errorCode === undefined ? "" : codeToString(facts.errorCode),
    errorMessage: facts.errorMessage ?? "",
    errorReason: facts.errorReason ?? ErrorReason.UNSPECIFIED,
    usage: toUsage(facts.usage),
    costNanoUsd: facts.costNanoUsd,
    latencyMs: facts.latencyMs,
    timeToFirstTokenMs: facts.timeToFirstTokenMs,
    billed: facts.billed,
    simulated: facts.deployment.simulated,
  });
}

/** The attempt's cost event, as published to JetStream (event id = attempt id). */
export function toCostEvent(facts: AttemptFacts, owner: AttemptOwner): CostEvent {
  const context = owner.context;
  return create(CostEventSchema, {
    eventId: facts.attemptId,
    requestId: context?.requestId ?? "",
    tenant: owner.tenant,
    apiKeyId: context?.apiKeyId ?? "",
    model: facts.deployment.model,
    provider: facts.deployment.provider,
    providerModel: facts.deployment.providerModel,
    strategy: context?.strategy ?? "",
    taskType: context?.taskType ?? "",
    usage: toUsage(facts.usage),
    costNanoUsd: facts.costNanoUsd,
    outcome: facts.outcome,
    errorCode: facts.errorCode === undefined ? "" : codeToString(facts.errorCode),
    billed: facts.billed,
    occurredAt: timestampFromDate(facts.occurredAt),
    latencyMs: facts.latencyMs,
    reservationId: context?.reservationId ?? "",
    tags: context?.tags ?? {},
    simulated: facts.deployment.simulated,
    attemptNumber: facts.attemptNumber,
    traceparent: activeTraceparent(),
  });
}

/** Normalised usage in the contract's shape; absent usage is all zeros. */
export function toUsage(usage: TokenUsage | undefined): Usage {
  if (!usage) return create(UsageSchema, {});
  return create(UsageSchema, {
    inputTokens: BigInt(usage.inputTokens),
    cachedInputTokens: BigInt(usage.cachedInputTokens),
    cacheCreationInputTokens: BigInt(usage.cacheCreationInputTokens),
    outputTokens: BigInt(usage.outputTokens),
    reasoningTokens: BigInt(usage.reasoningTokens),
    totalTokens: BigInt(usage.totalTokens),
    estimated: usage.estimated,
  });
}
