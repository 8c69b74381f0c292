import type { ModelPrice, ModelPricing, TokenEstimator } from "@switchyard/pricing";
import type { CallSettings, ProviderExecutor } from "@switchyard/provider-spec";
import type { BreakerConfig, ModelCapabilities, ModelLimits, ResolvedSwitchyardConfig } from "@switchyard/runtime";
import { resolveModelCapabilities } from "@switchyard/runtime";
import { createProviderExecutors } from "./providers/create-provider-executor.js";

/** A model as this executor serves it: where it runs, what it costs, how to call it, its limits. */
export interface ModelDeployment {
  readonly model: string;
  readonly provider: string;
  readonly providerModel: string;
  readonly simulated: boolean;
  readonly contextWindow: number;
  readonly price: ModelPrice;
  readonly estimator: TokenEstimator;
  readonly executor: ProviderExecutor;
  readonly limits: ModelLimits;
  readonly attemptTimeoutMs: number;
  readonly streamIdleTimeoutMs: number;
  readonly breaker: BreakerConfig;
  /** What the model can be asked (images, tools, JSON schema, reasoning); calls needing more are refused. */
  readonly capabilities: ModelCapabilities;
  /** Generation settings used where the request leaves them unset. */
  readonly defaults: Readonly<CallSettings>;
}

/**
 * Builds the deployments of the models whose provider this executor serves (the same image
 * serves any set of providers: one executor per provider is a deployment choice). Prices come
 * from `pricing`, which has already refused any model without a known price.
 */
export function createDeployments(config: ResolvedSwitchyardConfig, servedProviders: readonly string[], pricing: ModelPricing): Map<string, ModelDeployment> {
  const served = new Set(servedProviders);
  const executors = createProviderExecutors(config, served);
  const policy = config.executor;
  const deployments = new Map<string, ModelDeployment>();
  for (const [model, settings] of Object.entries(config.models)) {
    const executor = executors.get(model);
    if (!executor) continue;
    deployments.set(model, {
      model,
      provider: settings.provider,
      providerModel: executor.modelId,
      simulated: config.providers[settings.provider]!.simulated,
      contextWindow: settings.contextWindow,
      price: pricing.price(model),
      estimator: pricing.estimator(model),
      executor,
      limits: settings.limits,
      attemptTimeoutMs: settings.limits.attemptTimeoutMs ?? policy.attemptTimeoutMs,
      streamIdleTimeoutMs: settings.limits.streamIdleTimeoutMs ?? policy.streamIdleTimeoutMs,
      breaker: { ...policy.breaker, ...settings.breaker },
      capabilities: resolveModelCapabilities(executor.modelId, settings.capabilities),
      defaults: settings.defaults,
    });
  }
  return deployments;
}
