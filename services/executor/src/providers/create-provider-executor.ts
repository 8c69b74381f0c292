import type OpenAI from "openai";
import type { ProviderExecutor } from "@switchyard/provider-spec";
import type { ResolvedProvider, ResolvedSwitchyardConfig } from "@switchyard/runtime";
import { resolveModelCapabilities } from "@switchyard/runtime";
import { createOllamaExecutor } from "./ollama/ollama-executor.js";
import { createOpenAiClient, createOpenAiExecutor } from "./openai/openai-executor.js";

/**
 * One ProviderExecutor per model of the served providers, by protocol: `openai` (OpenAI,
 * OpenRouter, vLLM, LM Studio, Gemini's and Anthropic's compatibility endpoints: one adapter,
 * configured by base URL, key and headers) or `ollama`. Models of one provider share one SDK
 * client, so they share its connection pool.
 */
export function createProviderExecutors(config: ResolvedSwitchyardConfig, served: ReadonlySet<string>): Map<string, ProviderExecutor> {
  const clients = new Map<string, OpenAI>();
  const executors = new Map<string, ProviderExecutor>();
  for (const [model, settings] of Object.entries(config.models)) {
    const provider = config.providers[settings.provider];
    if (!provider || !served.has(provider.name)) continue;
    const modelId = settings.providerModel ?? model;
    executors.set(model, createProviderExecutor(provider, modelId, resolveModelCapabilities(modelId, settings.capabilities).reasoning, clients));
  }
  return executors;
}

function createProviderExecutor(provider: ResolvedProvider, modelId: string, reasoning: boolean, clients: Map<string, OpenAI>): ProviderExecutor {
  if (provider.kind === "ollama")
    return createOllamaExecutor({ provider: provider.name, modelId, host: provider.baseUrl, headers: provider.headers, reasoning });
  let client = clients.get(provider.name);
  if (!client) {
    client = createOpenAiClient({ baseUrl: provider.baseUrl, apiKey: provider.apiKey, headers: provider.headers });
    clients.set(provider.name, client);
  }
  return createOpenAiExecutor({
    provider: provider.name,
    modelId,
    baseUrl: provider.baseUrl,
    apiKey: provider.apiKey,
    headers: provider.headers,
    client,
    reasoning,
  });
}
