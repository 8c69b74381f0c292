import { Ollama } from "ollama";
import type { CallOptions, GenerateResult, ProviderExecutor, StreamPart, ToolCall } from "@switchyard/provider-spec";
import { ProviderError, specificationVersion } from "@switchyard/provider-spec";
import { checkProviderOptions, parseProviderResponse } from "../response-parsing.js";
import type { OllamaChatLine } from "./ollama-api.js";
import { ollamaChatLineSchema } from "./ollama-api.js";
import { convertOllamaUsage } from "./convert-ollama-usage.js";
import { checkOllamaCall, convertToOllamaMessages, convertToOllamaOptions, convertToOllamaRequestFields } from "./convert-to-ollama-prompt.js";
import { mapOllamaFinishReason } from "./map-ollama-finish-reason.js";
import { toOllamaProviderError } from "./ollama-error.js";
import { ollamaProviderOptionsSchema } from "./ollama-options.js";
import type { OllamaProviderOptions } from "./ollama-options.js";

/** One model on an Ollama server. */
export interface OllamaExecutorSettings {
  readonly provider: string;
  readonly modelId: string;
  readonly host: string;
  readonly headers: Readonly<Record<string, string>>;
  /** A thinking model: reasoning effort is sent as `think`. */
  readonly reasoning?: boolean;
}

/**
 * Ollama's /api/chat through the official ollama SDK. Each call gets its own client whose
 * fetch carries the call's abort signal: the SDK's own `abort()` would cancel every call in
 * flight on a shared client. Ollama sends tool calls whole and without ids: they get ids
 * `call_<n>` in answer order, and streams yield each one as a single fragment.
 */
export function createOllamaExecutor(settings: OllamaExecutorSettings): ProviderExecutor {
  const { provider, modelId } = settings;
  const clientFor = (signal: AbortSignal): Ollama =>
    new Ollama({
      host: settings.host,
      headers: { ...settings.headers },
      fetch: (input, init) => fetch(input, { ...init, signal: mergeSignals(init?.signal, signal) }),
    });
  const request = (options: CallOptions) => {
    const { options: modelOptions, ...rest } = options.providerOptions as OllamaProviderOptions;
    return {
      ...rest,
      ...convertToOllamaRequestFields(options.settings, settings.reasoning ?? false),
      model: modelId,
      messages: convertToOllamaMessages(options.messages),
      options: convertToOllamaOptions(options.settings, modelOptions),
    };
  };
  return {
    specificationVersion,
    provider,
    modelId,
    validateProviderOptions(options) {
      checkProviderOptions(ollamaProviderOptionsSchema, options, provider);
    },
    checkCall(messages, callSettings) {
      checkOllamaCall(messages, callSettings, provider);
    },
    async generate(options): Promise<GenerateResult> {
      try {
        const answer = parseProviderResponse(ollamaChatLineSchema, await clientFor(options.abortSignal).chat({ ...request(options), stream: false }), provider);
        const usage = convertOllamaUsage(answer);
        if (!usage) throw new ProviderError({ kind: "malformed_response", provider, message: "the answer has no token counts" });
        const toolCalls = toolCallsOf(answer, 0);
        return {
          text: answer.message?.content ?? "",
          usage,
          finishReason: mapOllamaFinishReason(answer.done_reason, toolCalls.length > 0),
          ...(toolCalls.length > 0 ? { toolCalls } : {}),
        };
      } catch (error) {
        throw toOllamaProviderError(error, provider, options.abortSignal);
      }
    },
    async *stream(options): AsyncIterable<StreamPart> {
      const toolCalls: ToolCall[] = [];
      try {
        const lines = await clientFor(options.abortSignal).chat({ ...request(options), stream: true });
        for await (const raw of lines) {
          const line = parseProviderResponse(ollamaChatLineSchema, raw, provider);
          if (line.message?.content) yield { type: "text-delta", text: line.message.content };
          for (const call of toolCallsOf(line, toolCalls.length)) {
            yield { type: "tool-call-delta", index: toolCalls.length, id: call.id, name: call.name, argumentsFragment: call.argumentsJson };
            toolCalls.push(call);
          }
          if (!line.done) continue;
          const usage = convertOllamaUsage(line);
          yield {
            type: "finish",
            finishReason: mapOllamaFinishReason(line.done_reason, toolCalls.length > 0),
            ...(usage ? { usage } : {}),
            ...(toolCalls.length > 0 ? { toolCalls } : {}),
          };
          return;
        }
      } catch (error) {
        throw toOllamaProviderError(error, provider, options.abortSignal);
      }
      throw toOllamaProviderError(new Error("the stream ended before its final line"), provider, options.abortSignal);
    },
  };
}

function toolCallsOf(line: OllamaChatLine, firstIndex: number): ToolCall[] {
  return (line.message?.tool_calls ?? []).map((call, offset) => ({
    id: `call_${firstIndex + offset}`,
    name: call.function.name,
    argumentsJson: JSON.stringify(call.function.arguments),
  }));
}

function mergeSignals(first: AbortSignal | null | undefined, second: AbortSignal): AbortSignal {
  return first ? AbortSignal.any([first, second]) : second;
}
