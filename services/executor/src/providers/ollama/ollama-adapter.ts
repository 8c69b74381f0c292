import { Ollama } from "ollama";
import type { ChatResponse } from "ollama";
import { FinishReason } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { AdapterCallOptions, AdapterResult, ProviderAdapter } from "../provider-adapter.js";
import { kindForStatus, ProviderError } from "../provider-error.js";

/** Where an Ollama server is. */
export interface OllamaAdapterSettings {
  readonly provider: string;
  readonly host: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Adapter for Ollama's /api/chat through the official ollama SDK. */
export function createOllamaAdapter(settings: OllamaAdapterSettings): ProviderAdapter {
  return {
    specificationVersion: "v1",
    provider: settings.provider,
    async generate(options) {
      // One client per call: the ollama SDK aborts through client.abort(), which would
      // otherwise cancel every call in flight on a shared client.
      const client = new Ollama({ host: settings.host, headers: { ...settings.headers } });
      const abort = (): void => client.abort();
      options.abortSignal.addEventListener("abort", abort, { once: true });
      try {
        return toResult(await client.chat(toRequest(options)));
      } catch (error) {
        throw toOllamaProviderError(error, settings.provider, options.abortSignal);
      } finally {
        options.abortSignal.removeEventListener("abort", abort);
      }
    },
  };
}

function toRequest(options: AdapterCallOptions): Parameters<Ollama["chat"]>[0] & { stream: false } {
  const { params } = options;
  return {
    ...options.providerOptions,
    model: options.providerModel,
    messages: options.messages.map((message) => ({ role: message.role, content: message.content })),
    stream: false,
    options: {
      ...(params.maxOutputTokens !== undefined ? { num_predict: params.maxOutputTokens } : {}),
      ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
      ...(params.topP !== undefined ? { top_p: params.topP } : {}),
      ...(params.stop && params.stop.length > 0 ? { stop: [...params.stop] } : {}),
      ...(params.seed !== undefined ? { seed: params.seed } : {}),
    },
  };
}

function toResult(response: ChatResponse): AdapterResult {
  const inputTokens = response.prompt_eval_count ?? 0;
  const outputTokens = response.eval_count ?? 0;
  return {
    text: response.message.content,
    usage: { inputTokens, cachedInputTokens: 0, cacheCreationInputTokens: 0, outputTokens, reasoningTokens: 0, totalTokens: inputTokens + outputTokens, estimated: false },
    finishReason: response.done_reason === "length" ? FinishReason.LENGTH : FinishReason.STOP,
  };
}

function toOllamaProviderError(error: unknown, provider: string, signal: AbortSignal): ProviderError {
  if (signal.aborted) return new ProviderError({ kind: "cancelled", provider, message: "request aborted", cause: error });
  const status = typeof error === "object" && error !== null && "status_code" in error ? Number(error.status_code) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (status !== undefined) {
    const kind = /context (length|window)/i.test(message) ? "context_length" : kindForStatus(status);
    return new ProviderError({ kind, provider, message, status, cause: error });
  }
  return new ProviderError({ kind: "unavailable", provider, message, cause: error });
}
