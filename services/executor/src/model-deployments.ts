import { ConfigError } from "@switchyard/runtime";
import type { ModelConfig, ResolvedProvider, ResolvedSwitchyardConfig } from "@switchyard/runtime";
import type { ModelPrice } from "./pricing.js";
import { createOllamaAdapter } from "./providers/ollama/ollama-adapter.js";
import { createOpenAiAdapter } from "./providers/openai/openai-adapter.js";
import type { ProviderAdapter } from "./providers/provider-adapter.js";

/** A model as this executor serves it: where it runs, what it costs, how to call it. */
export interface ModelDeployment {
  readonly model: string;
  readonly provider: string;
  readonly providerModel: string;
  readonly simulated: boolean;
  readonly contextWindow: number;
  readonly price: ModelPrice;
  readonly adapter: ProviderAdapter;
}

/**
 * Builds the deployments of the models whose provider this executor serves. A model without a
 * price is refused here, at start-up: it would otherwise be billed as free.
 */
export function createDeployments(config: ResolvedSwitchyardConfig, servedProviders: readonly string[]): Map<string, ModelDeployment> {
  const adapters = new Map(servedProviders.map((name) => [name, createAdapter(config.providers[name]!)]));
  const deployments = new Map<string, ModelDeployment>();
  for (const [model, settings] of Object.entries(config.models)) {
    const adapter = adapters.get(settings.provider);
    if (!adapter) continue;
    const provider = config.providers[settings.provider]!;
    deployments.set(model, {
      model,
      provider: settings.provider,
      providerModel: settings.providerModel ?? model,
      simulated: provider.simulated,
      contextWindow: settings.contextWindow,
      price: priceOf(model, settings),
      adapter,
    });
  }
  return deployments;
}

function priceOf(model: string, settings: ModelConfig): ModelPrice {
  if (!settings.price) throw new ConfigError(`model "${model}" has no price: set models.${model}.price (use "0" for self-hosted models)`);
  return {
    inputPerMillion: settings.price.inputPerMillion,
    cachedInputPerMillion: settings.price.cachedInputPerMillion ?? settings.price.inputPerMillion,
    outputPerMillion: settings.price.outputPerMillion,
    source: "config",
  };
}

function createAdapter(provider: ResolvedProvider): ProviderAdapter {
  if (provider.kind === "ollama") return createOllamaAdapter({ provider: provider.name, host: provider.baseUrl, headers: provider.headers });
  return createOpenAiAdapter({ provider: provider.name, baseUrl: provider.baseUrl, apiKey: provider.apiKey, headers: provider.headers });
}
