import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { FaultPlan } from "./faults.js";
import { headerValue, readJsonBody, sendJson } from "./http-io.js";
import type { HttpError } from "./http-io.js";
import { readOpenAiFeatures } from "./chat-features.js";
import { optionalCount, readMessages } from "./request-fields.js";
import type { ChatCall, ChatDeps, ChatProtocol } from "./sim-chat.js";
import { serveChat } from "./sim-chat.js";
import type { SimCompletion } from "./sim-completion.js";
import type { SimError } from "./sim-errors.js";
import { retryAfterHeaders } from "./sim-errors.js";
import type { SimModel } from "./sim-models.js";

const systemFingerprint = "switchyard-provider-sim";

/** What the OpenAI-protocol routes need. */
export interface OpenAiRouteDeps extends ChatDeps {
  readonly models: ReadonlyMap<string, SimModel>;
  readonly faults: FaultPlan;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  readonly apiKey: string | undefined;
}

/** POST /v1/chat/completions, JSON or SSE (with `stream_options.include_usage`). */
export async function handleOpenAiChat(request: IncomingMessage, response: ServerResponse, deps: OpenAiRouteDeps): Promise<void> {
  if (deps.apiKey !== undefined && request.headers.authorization !== `Bearer ${deps.apiKey}`) {
    openAiProtocol.sendError(response, {
      status: 401,
      type: "invalid_request_error",
      code: "invalid_api_key",
      param: null,
      message: "Incorrect API key provided (simulated).",
    });
    return;
  }
  const body = await readJsonBody(request);
  const model = deps.models.get(String(body["model"]));
  if (!model) {
    openAiProtocol.sendError(response, {
      status: 404,
      type: "invalid_request_error",
      code: "model_not_found",
      param: "model",
      message: `The model \`${String(body["model"])}\` does not exist (simulated provider).`,
    });
    return;
  }
  const messages = readMessages(body);
  const streamOptions = body["stream_options"] as { include_usage?: unknown } | undefined;
  const call: ChatCall = {
    model,
    messages,
    maxTokens: optionalCount(body["max_completion_tokens"] ?? body["max_tokens"], "max_tokens"),
    stream: body["stream"] === true,
    includeUsage: streamOptions?.include_usage === true,
    logprobs: body["logprobs"] === true,
    fault: deps.faults.take(
      model.name,
      messages.map((message) => message.content),
      headerValue(request, "x-sim-fault"),
    ),
    features: readOpenAiFeatures(body),
  };
  await serveChat(call, openAiProtocol, response, deps);
}

/** GET /v1/models. */
export function handleOpenAiModels(response: ServerResponse, models: ReadonlyMap<string, SimModel>): void {
  sendJson(response, 200, {
    object: "list",
    data: [...models.keys()].map((id) => ({ id, object: "model", created: 0, owned_by: "switchyard-provider-sim" })),
  });
}

/** Writes an HttpError raised while reading a request in OpenAI's error shape. */
export function sendOpenAiHttpError(response: ServerResponse, error: HttpError): void {
  openAiProtocol.sendError(response, { status: error.status, type: "invalid_request_error", code: null, param: null, message: error.message });
}

const openAiProtocol: ChatProtocol = {
  sendError(response: ServerResponse, error: SimError) {
    sendJson(response, error.status, { error: { message: error.message, type: error.type, param: error.param, code: error.code } }, retryAfterHeaders(error));
  },
  wholeBody(call, completion) {
    return {
      id: `chatcmpl-sim-${randomUUID()}`,
      object: "chat.completion",
      created: nowSeconds(),
      model: call.model.name,
      system_fingerprint: systemFingerprint,
      choices: [
        {
          index: 0,
          message: completion.toolCall
            ? {
                role: "assistant",
                content: null,
                refusal: null,
                tool_calls: [
                  { id: completion.toolCall.id, type: "function", function: { name: completion.toolCall.name, arguments: completion.tokens.join("") } },
                ],
              }
            : { role: "assistant", content: completion.tokens.join(""), refusal: null },
          logprobs: call.logprobs ? { content: logprobEntries(completion.tokens, completion.logprobs) } : null,
          finish_reason: completion.finishReason,
        },
      ],
      usage: usageOf(completion),
    };
  },
  streamContentType: "text/event-stream",
  tokenFrames(call, completion, tokens, logprobs, first) {
    if (completion.toolCall) return toolCallFrames(call, completion.toolCall, tokens, first);
    return tokens
      .map((token, index) =>
        sse(
          chunk(
            call,
            {
              delta: index === 0 ? { role: "assistant", content: token } : { content: token },
              logprobs: call.logprobs ? { content: logprobEntries([token], [logprobs[index] ?? 0]) } : null,
              finish_reason: null,
            },
            call.includeUsage,
          ),
        ),
      )
      .join("");
  },
  finalFrames(call, completion) {
    const frames = [sse(chunk(call, { delta: {}, logprobs: null, finish_reason: completion.finishReason }, call.includeUsage))];
    if (call.includeUsage && call.fault?.kind !== "no_usage") {
      frames.push(sse({ ...chunkEnvelope(call), choices: [], usage: usageOf(completion) }));
    }
    frames.push("data: [DONE]\n\n");
    return frames.join("");
  },
  malformedFrame: 'data: {"id":"chatcmpl-sim-broken","choices":[{"delta":{"content":\n\n',
};

/**
 * A tool call streamed as OpenAI streams one: a first chunk with the call's id and name and
 * empty arguments, then one chunk per argument fragment, all at index 0.
 */
function toolCallFrames(call: ChatCall, toolCall: { id: string; name: string }, fragments: readonly string[], first: boolean): string {
  const head = first
    ? [
        sse(
          chunk(
            call,
            {
              delta: {
                role: "assistant",
                content: null,
                tool_calls: [{ index: 0, id: toolCall.id, type: "function", function: { name: toolCall.name, arguments: "" } }],
              },
              logprobs: null,
              finish_reason: null,
            },
            call.includeUsage,
          ),
        ),
      ]
    : [];
  const rest = fragments.map((fragment) =>
    sse(chunk(call, { delta: { tool_calls: [{ index: 0, function: { arguments: fragment } }] }, logprobs: null, finish_reason: null }, call.includeUsage)),
  );
  return [...head, ...rest].join("");
}

function chunk(call: ChatCall, choice: Record<string, unknown>, includeUsage: boolean): Record<string, unknown> {
  return { ...chunkEnvelope(call), choices: [{ index: 0, ...choice }], ...(includeUsage ? { usage: null } : {}) };
}

function chunkEnvelope(call: ChatCall): Record<string, unknown> {
  return {
    id: `chatcmpl-sim-${call.model.name}`,
    object: "chat.completion.chunk",
    created: nowSeconds(),
    model: call.model.name,
    system_fingerprint: systemFingerprint,
  };
}

function usageOf(completion: SimCompletion): Record<string, unknown> {
  return {
    prompt_tokens: completion.promptTokens,
    completion_tokens: completion.outputTokens,
    total_tokens: completion.promptTokens + completion.outputTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
    ...(completion.costUsd !== undefined ? { cost: completion.costUsd } : {}),
  };
}

function logprobEntries(tokens: readonly string[], logprobs: readonly number[]): unknown[] {
  return tokens.map((token, index) => ({ token, logprob: logprobs[index] ?? 0, bytes: [...Buffer.from(token)], top_logprobs: [] }));
}

function sse(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1_000);
}
