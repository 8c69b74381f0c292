import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { AttemptSchema, UsageSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { Attempt, Usage , AttemptOutcome} from "@switchyard/contracts/switchyard/v1/common_pb";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { AttemptContext } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { Code } from "@connectrpc/connect";
import type { ModelDeployment } from "./model-deployments.js";
import type { NormalizedUsage } from "./providers/provider-adapter.js";

/** Everything known about one finished provider attempt. */
export interface AttemptFacts {
  readonly attemptId: string;
  readonly attemptNumber: number;
  readonly deployment: ModelDeployment;
  readonly outcome: AttemptOutcome;
  readonly errorCode?: Code;
  readonly errorMessage?: string;
  readonly usage?: NormalizedUsage;
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

/** The attempt as itemised in responses. */
export function toAttempt(facts: AttemptFacts): Attempt {
  return create(AttemptSchema, {
    attemptId: facts.attemptId,
    model: facts.deployment.model,
    provider: facts.deployment.provider,
    outcome: facts.outcome,
    errorCode: facts.errorCode === undefined ? "" : codeToString(facts.errorCode),
    errorMessage: facts.errorMessage ?? "",
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
  });
}

/** Normalised usage in the contract's shape; absent usage is all zeros. */
export function toUsage(usage: NormalizedUsage | undefined): Usage {
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
