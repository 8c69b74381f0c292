import { create } from "@bufbuild/protobuf";
import { ListModelsResponseSchema, ModelStateSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { ListModelsResponse, ModelState } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { ServedModel } from "./served-model.js";

/**
 * Every served model with its live state: breaker position (shared by all replicas), what is
 * left of the shared rate limits, this replica's calls in flight and queued, recent median
 * latency and error rate, price and tokenizer.
 */
export async function listModelStates(models: ReadonlyMap<string, ServedModel>): Promise<ListModelsResponse> {
  return create(ListModelsResponseSchema, { models: await Promise.all([...models.values()].map(modelState)) });
}

async function modelState({ deployment, guards }: ServedModel): Promise<ModelState> {
  const breaker = guards.breaker.view();
  const remaining = await guards.rate.remaining();
  const { limits, price } = deployment;
  return create(ModelStateSchema, {
    model: deployment.model,
    provider: deployment.provider,
    providerModel: deployment.providerModel,
    simulated: deployment.simulated,
    breakerState: breaker.state,
    breakerOpenUntilMs: BigInt(breaker.openUntilMs),
    remainingRequests: BigInt(remaining.requests),
    remainingTokens: BigInt(remaining.tokens),
    inFlight: guards.gate.inFlight,
    queued: guards.gate.queued,
    recentLatencyP50Ms: guards.latency.median(),
    recentErrorRate: breaker.errorRate,
    price: {
      inputNanoUsdPerMtok: price.inputPerMillion,
      cachedInputNanoUsdPerMtok: price.cachedInputPerMillion,
      cacheWriteNanoUsdPerMtok: price.cacheWritePerMillion,
      outputNanoUsdPerMtok: price.outputPerMillion,
      source: price.source,
      catalogId: price.catalogId ?? "",
    },
    contextWindow: deployment.contextWindow,
    tokenizer: deployment.estimator.kind,
    requestsPerMinute: limits.requestsPerMinute ?? 0,
    tokensPerMinute: limits.tokensPerMinute ?? 0,
    maxConcurrency: limits.maxConcurrency ?? 0,
  });
}
