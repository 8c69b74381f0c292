import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { AdapterCallOptions, AdapterResult, ProviderAdapter } from "../provider-adapter.js";
import { convertOpenAiUsage } from "./convert-openai-usage.js";
import { mapOpenAiFinishReason } from "./map-openai-finish-reason.js";
import { toOpenAiProviderError } from "./openai-error.js";

/** Where an OpenAI-compatible endpoint is and how to authenticate. */
export interface OpenAiAdapterSettings {
  readonly provider: string;
  /** URL ending in /v1 (OpenAI, OpenRouter, vLLM, LM Studio, Gemini/Anthropic compatibility). */
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Adapter for any OpenAI-compatible chat completions endpoint, through the official SDK.
 * The SDK's own retries are off: the executor owns retries, limits and breakers.
 */
export function createOpenAiAdapter(settings: OpenAiAdapterSettings): ProviderAdapter {
  const client = new OpenAI({
    baseURL: settings.baseUrl,
    // Local servers (vLLM, the simulator) accept any key, but the SDK insists on one.
    apiKey: settings.apiKey ?? "not-needed",
    defaultHeaders: { ...settings.headers },
    maxRetries: 0,
    timeout: 600_000,
  });
  return {
    specificationVersion: "v1",
    provider: settings.provider,
    async generate(options) {
      try {
        const completion = await client.chat.completions.create(toRequest(options), { signal: options.abortSignal });
        return toResult(completion);
      } catch (error) {
        throw toOpenAiProviderError(error, settings.provider);
      }
    },
  };
}

function toRequest(options: AdapterCallOptions): ChatCompletionCreateParamsNonStreaming {
  const { params } = options;
  return {
    ...options.providerOptions,
    model: options.providerModel,
    messages: options.messages.map((message) => ({ role: message.role, content: message.content, ...(message.name ? { name: message.name } : {}) }) as ChatCompletionMessageParam),
    ...(params.maxOutputTokens !== undefined ? { max_tokens: params.maxOutputTokens } : {}),
    ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
    ...(params.topP !== undefined ? { top_p: params.topP } : {}),
    ...(params.stop && params.stop.length > 0 ? { stop: [...params.stop] } : {}),
    ...(params.seed !== undefined ? { seed: params.seed } : {}),
    ...(params.logprobs ? { logprobs: true } : {}),
    stream: false,
  };
}

function toResult(completion: OpenAI.Chat.Completions.ChatCompletion): AdapterResult {
  const choice = completion.choices[0];
  if (!choice || !completion.usage) throw new Error("provider response has no choice or no usage");
  const logprobs = choice.logprobs?.content ?? [];
  return {
    text: choice.message.content ?? "",
    usage: convertOpenAiUsage(completion.usage),
    finishReason: mapOpenAiFinishReason(choice.finish_reason),
    ...(logprobs.length > 0 ? { meanLogprob: logprobs.reduce((sum, entry) => sum + entry.logprob, 0) / logprobs.length } : {}),
  };
}
