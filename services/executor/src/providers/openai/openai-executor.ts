import OpenAI from "openai";
import type { CallOptions, FinishReason, GenerateResult, ProviderExecutor, StreamPart, TokenUsage } from "@switchyard/provider-spec";
import { ProviderError, specificationVersion, ToolCallAssembly } from "@switchyard/provider-spec";
import type { OpenAiChunk, OpenAiCompletion } from "./openai-api.js";
import { openAiChunkSchema, openAiCompletionSchema } from "./openai-api.js";
import { convertOpenAiUsage } from "./convert-openai-usage.js";
import { convertToOpenAiMessages, convertToOpenAiSettings } from "./convert-to-openai-prompt.js";
import { mapOpenAiFinishReason } from "./map-openai-finish-reason.js";
import { toOpenAiProviderError } from "./openai-error.js";
import { checkProviderOptions, mean, parseProviderResponse } from "../response-parsing.js";
import { openAiProviderOptionsSchema } from "./openai-options.js";

/** One model at an OpenAI-compatible endpoint. */
export interface OpenAiExecutorSettings {
  readonly provider: string;
  readonly modelId: string;
  /** URL ending in /v1 (OpenAI, OpenRouter, vLLM, LM Studio, Gemini's or Anthropic's compatibility URL). */
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  /** Sent with every request (OpenRouter's HTTP-Referer and X-Title attribution, ...). */
  readonly headers: Readonly<Record<string, string>>;
  /** The SDK client to share between models of one provider (one connection pool). */
  readonly client?: OpenAI;
  /** A reasoning model (o1/o3/o4/gpt-5 style): `max_completion_tokens`, `reasoning_effort`, no sampling fields. */
  readonly reasoning?: boolean;
}

/** The SDK client for an endpoint: no SDK retries or logging (the executor owns both). */
export function createOpenAiClient(settings: Pick<OpenAiExecutorSettings, "baseUrl" | "apiKey" | "headers">): OpenAI {
  return new OpenAI({
    baseURL: settings.baseUrl,
    // Local servers (vLLM, the simulator) accept any key, but the SDK insists on one.
    apiKey: settings.apiKey ?? "not-needed",
    defaultHeaders: { ...settings.headers },
    maxRetries: 0,
    timeout: 3_600_000,
    // The SDK would log an unparsable chunk, answer text included, to the console.
    logLevel: "off",
  });
}

/**
 * Chat completions on any OpenAI-compatible endpoint through the official SDK. Streams ask for
 * usage (`stream_options.include_usage`); a stream that ends without one yields a finish part
 * without usage, and the executor counts the tokens itself.
 */
export function createOpenAiExecutor(settings: OpenAiExecutorSettings): ProviderExecutor {
  const client = settings.client ?? createOpenAiClient(settings);
  const { provider, modelId } = settings;
  const request = (options: CallOptions) => ({
    ...options.providerOptions,
    ...convertToOpenAiSettings(options.settings, { reasoning: settings.reasoning ?? false }),
    model: modelId,
    messages: convertToOpenAiMessages(options.messages),
  });
  return {
    specificationVersion,
    provider,
    modelId,
    validateProviderOptions(options) {
      checkProviderOptions(openAiProviderOptionsSchema, options, provider);
    },
    async generate(options) {
      try {
        const completion = await client.chat.completions.create({ ...request(options), stream: false }, { signal: options.abortSignal });
        return toResult(parseProviderResponse(openAiCompletionSchema, completion, provider), provider);
      } catch (error) {
        throw toOpenAiProviderError(error, provider, options.abortSignal);
      }
    },
    async *stream(options) {
      try {
        const chunks = await client.chat.completions.create(
          { ...request(options), stream: true, stream_options: { include_usage: true } },
          { signal: options.abortSignal },
        );
        yield* toStreamParts(chunks, provider);
      } catch (error) {
        throw toOpenAiProviderError(error, provider, options.abortSignal);
      }
      // The SDK ends an aborted stream quietly; a silent end is a cancellation, not an answer.
      if (options.abortSignal.aborted) throw toOpenAiProviderError(options.abortSignal.reason, provider, options.abortSignal);
    },
  };
}

function toResult(completion: OpenAiCompletion, provider: string): GenerateResult {
  const choice = completion.choices[0]!;
  if (!completion.usage) throw new ProviderError({ kind: "malformed_response", provider, message: "the completion has no usage" });
  const meanLogprob = mean(choice.logprobs?.content?.map((entry) => entry.logprob) ?? []);
  const toolCalls = (choice.message.tool_calls ?? []).map((call) => ({ id: call.id, name: call.function.name, argumentsJson: call.function.arguments }));
  return {
    text: choice.message.content ?? "",
    usage: convertOpenAiUsage(completion.usage),
    finishReason: mapOpenAiFinishReason(choice.finish_reason),
    ...(meanLogprob !== undefined ? { meanLogprob } : {}),
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
  };
}

async function* toStreamParts(chunks: AsyncIterable<unknown>, provider: string): AsyncIterable<StreamPart> {
  let finishReason: FinishReason | undefined;
  let usage: TokenUsage | undefined;
  const logprobs: number[] = [];
  const toolCalls = new ToolCallAssembly();
  for await (const raw of chunks) {
    const chunk: OpenAiChunk = parseProviderResponse(openAiChunkSchema, raw, provider);
    if (chunk.usage) usage = convertOpenAiUsage(chunk.usage);
    const choice = chunk.choices[0];
    if (!choice) continue;
    for (const entry of choice.logprobs?.content ?? []) logprobs.push(entry.logprob);
    if (choice.delta?.content) yield { type: "text-delta", text: choice.delta.content };
    for (const fragment of choice.delta?.tool_calls ?? []) {
      const delta = {
        index: fragment.index,
        argumentsFragment: fragment.function?.arguments ?? "",
        ...(fragment.id ? { id: fragment.id } : {}),
        ...(fragment.function?.name ? { name: fragment.function.name } : {}),
      };
      toolCalls.add(delta);
      yield { type: "tool-call-delta", ...delta };
    }
    if (choice.finish_reason) finishReason = mapOpenAiFinishReason(choice.finish_reason);
  }
  if (finishReason === undefined) throw new ProviderError({ kind: "unavailable", provider, message: "the stream ended before its finish reason" });
  const meanLogprob = mean(logprobs);
  yield {
    type: "finish",
    finishReason,
    ...(usage ? { usage } : {}),
    ...(meanLogprob !== undefined ? { meanLogprob } : {}),
    ...(toolCalls.size > 0 ? { toolCalls: toolCalls.calls() } : {}),
  };
}
