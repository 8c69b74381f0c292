import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { GenerationParams } from "@switchyard/contracts/switchyard/v1/common_pb";
import {
  BreakerState,
  GenerateResponseSchema,
  ListModelsResponseSchema,
} from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { GenerateRequest, GenerateResponse ,
  ExecutorService} from "@switchyard/contracts/switchyard/v1/executor_pb";
import { currentRequestContext, validateConversation } from "@switchyard/runtime";
import type { Logger } from "@switchyard/runtime";
import type { AttemptFacts, AttemptOwner } from "./attempt-record.js";
import { toAttempt, toCostEvent, toUsage } from "./attempt-record.js";
import type { CostEventSink } from "./cost-events.js";
import type { ModelDeployment } from "./model-deployments.js";
import { costOfUsage } from "./pricing.js";
import { codeForProviderError, providerErrorToConnectError } from "./provider-error-status.js";
import type { AdapterParams } from "./providers/provider-adapter.js";
import { ProviderError } from "./providers/provider-error.js";

/** What the executor service needs; main.ts wires the real ones, tests pass fakes. */
export interface ExecutorDeps {
  readonly deployments: ReadonlyMap<string, ModelDeployment>;
  readonly costs: CostEventSink;
  readonly logger: Logger;
  /** Tenant for calls that carry none (local development only). */
  readonly devTenant: string | undefined;
  readonly maxPromptChars: number;
  readonly newId: () => string;
  readonly now: () => Date;
}

/** ExecutorService: Generate through the model's provider adapter, one cost event per attempt. */
export function createExecutorService(deps: ExecutorDeps): ServiceImpl<typeof ExecutorService> {
  return {
    generate: (request, context) => generate(deps, request, context),
    streamGenerate() {
      throw new ConnectError("StreamGenerate is not implemented yet (executor issue: streaming)", Code.Unimplemented);
    },
    listModels() {
      return create(ListModelsResponseSchema, {
        models: [...deps.deployments.values()].map((deployment) => ({
          model: deployment.model,
          provider: deployment.provider,
          providerModel: deployment.providerModel,
          simulated: deployment.simulated,
          breakerState: BreakerState.UNSPECIFIED,
          contextWindow: deployment.contextWindow,
          price: {
            inputNanoUsdPerMtok: deployment.price.inputPerMillion,
            cachedInputNanoUsdPerMtok: deployment.price.cachedInputPerMillion,
            outputNanoUsdPerMtok: deployment.price.outputPerMillion,
            source: deployment.price.source,
          },
        })),
      });
    },
  };
}

async function generate(deps: ExecutorDeps, request: GenerateRequest, context: HandlerContext): Promise<GenerateResponse> {
  const deployment = findDeployment(deps.deployments, request.model);
  validateConversation(request.messages, deps.maxPromptChars);
  const owner: AttemptOwner = { tenant: tenantOf(deps), context: request.context };
  const attemptId = deps.newId();
  const started = performance.now();
  try {
    const result = await deployment.adapter.generate({
      providerModel: deployment.providerModel,
      messages: request.messages,
      params: toAdapterParams(request.params),
      abortSignal: context.signal,
      providerOptions: request.providerOptions ?? {},
    });
    const latencyMs = performance.now() - started;
    const facts: AttemptFacts = {
      attemptId, attemptNumber: 1, deployment, outcome: AttemptOutcome.SUCCEEDED, usage: result.usage,
      costNanoUsd: costOfUsage(result.usage, deployment.price), billed: true, latencyMs, timeToFirstTokenMs: latencyMs, occurredAt: deps.now(),
    };
    await deps.costs.publish(toCostEvent(facts, owner));
    return create(GenerateResponseSchema, {
      text: result.text,
      model: deployment.model,
      provider: deployment.provider,
      providerModel: deployment.providerModel,
      usage: toUsage(result.usage),
      finishReason: result.finishReason,
      costNanoUsd: facts.costNanoUsd,
      latencyMs,
      timeToFirstTokenMs: latencyMs,
      attempts: [toAttempt(facts)],
      ...(result.meanLogprob !== undefined ? { meanLogprob: result.meanLogprob } : {}),
      simulated: deployment.simulated,
    });
  } catch (error) {
    if (!ProviderError.isInstance(error)) throw error;
    await recordFailure(deps, owner, { attemptId, deployment, error, latencyMs: performance.now() - started });
    throw providerErrorToConnectError(error);
  }
}

/** Records a failed attempt: not billed (the provider charges nothing for a refused call). */
async function recordFailure(
  deps: ExecutorDeps,
  owner: AttemptOwner,
  failure: { attemptId: string; deployment: ModelDeployment; error: ProviderError; latencyMs: number },
): Promise<void> {
  const facts: AttemptFacts = {
    attemptId: failure.attemptId,
    attemptNumber: 1,
    deployment: failure.deployment,
    outcome: failure.error.kind === "cancelled" ? AttemptOutcome.CANCELLED : AttemptOutcome.FAILED,
    errorCode: codeForProviderError(failure.error),
    errorMessage: failure.error.message,
    costNanoUsd: 0n,
    billed: false,
    latencyMs: failure.latencyMs,
    timeToFirstTokenMs: 0,
    occurredAt: deps.now(),
  };
  await deps.costs.publish(toCostEvent(facts, owner));
}

function findDeployment(deployments: ReadonlyMap<string, ModelDeployment>, model: string): ModelDeployment {
  if (!model) throw new ConnectError("model: required", Code.InvalidArgument);
  const deployment = deployments.get(model);
  if (!deployment) {
    throw new ConnectError(`model "${model}" is not served here; known models: ${[...deployments.keys()].join(", ")}`, Code.NotFound);
  }
  return deployment;
}

function tenantOf(deps: ExecutorDeps): string {
  const tenant = currentRequestContext()?.tenant ?? deps.devTenant;
  if (!tenant) throw new ConnectError("no tenant: calls must carry the x-switchyard-tenant header", Code.Unauthenticated);
  return tenant;
}

function toAdapterParams(params: GenerationParams | undefined): AdapterParams {
  if (!params) return {};
  return {
    ...(params.maxOutputTokens !== undefined ? { maxOutputTokens: params.maxOutputTokens } : {}),
    ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
    ...(params.topP !== undefined ? { topP: params.topP } : {}),
    ...(params.stop.length > 0 ? { stop: params.stop } : {}),
    ...(params.seed !== undefined ? { seed: Number(params.seed) } : {}),
    logprobs: params.logprobs,
  };
}
