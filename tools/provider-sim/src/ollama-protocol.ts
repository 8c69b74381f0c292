import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultPlan } from "./faults.js";
import { headerValue, readJsonBody, sendJson } from "./http-io.js";
import type { HttpError } from "./http-io.js";
import { readOllamaFeatures } from "./chat-features.js";
import { optionalCount, readMessages } from "./request-fields.js";
import type { ChatCall, ChatDeps, ChatProtocol } from "./sim-chat.js";
import { serveChat } from "./sim-chat.js";
import type { SimCompletion } from "./sim-completion.js";
import type { SimModel } from "./sim-models.js";

/** What the Ollama-protocol routes need. */
export interface OllamaRouteDeps extends ChatDeps {
  readonly models: ReadonlyMap<string, SimModel>;
  readonly faults: FaultPlan;
}

/** POST /api/chat: NDJSON stream by default, one JSON object with `"stream": false`. */
export async function handleOllamaChat(request: IncomingMessage, response: ServerResponse, deps: OllamaRouteDeps): Promise<void> {
  const body = await readJsonBody(request);
  const requested = String(body["model"]);
  const model = deps.models.get(requested.replace(/:latest$/, ""));
  if (!model) {
    sendJson(response, 404, { error: `model "${requested}" not found, try pulling it first (simulated provider)` });
    return;
  }
  const messages = readMessages(body);
  const options = (body["options"] ?? {}) as Record<string, unknown>;
  const call: ChatCall = {
    model,
    messages,
    maxTokens: optionalCount(options["num_predict"], "options.num_predict"),
    stream: body["stream"] !== false,
    includeUsage: true,
    logprobs: false,
    fault: deps.faults.take(
      model.name,
      messages.map((message) => message.content),
      headerValue(request, "x-sim-fault"),
    ),
    features: readOllamaFeatures(body),
  };
  await serveChat(call, ollamaProtocol, response, deps);
}

/** GET /api/tags. */
export function handleOllamaTags(response: ServerResponse, models: ReadonlyMap<string, SimModel>): void {
  sendJson(response, 200, {
    models: [...models.keys()].map((name) => ({
      name: `${name}:latest`,
      model: `${name}:latest`,
      modified_at: new Date(0).toISOString(),
      size: 0,
      digest: "0".repeat(64),
      details: { parent_model: "", format: "gguf", family: "simulated", families: ["simulated"], parameter_size: "0B", quantization_level: "none" },
    })),
  });
}

/** Writes an HttpError raised while reading a request in Ollama's error shape. */
export function sendOllamaHttpError(response: ServerResponse, error: HttpError): void {
  sendJson(response, error.status, { error: error.message });
}

const ollamaProtocol: ChatProtocol = {
  sendError(response, error) {
    sendJson(response, error.status, { error: error.message });
  },
  wholeBody(call, completion) {
    return { ...lineEnvelope(call, completion.toolCall ? "" : completion.tokens.join(""), toolCallsOf(completion)), ...doneFields(call, completion) };
  },
  streamContentType: "application/x-ndjson",
  tokenFrames(call, completion, tokens) {
    // Ollama sends a tool call whole, in the final object; its fragments are not streamed.
    if (completion.toolCall) return "";
    return tokens.map((token) => `${JSON.stringify({ ...lineEnvelope(call, token), done: false })}\n`).join("");
  },
  finalFrames(call, completion) {
    return `${JSON.stringify({ ...lineEnvelope(call, "", toolCallsOf(completion)), ...doneFields(call, completion) })}\n`;
  },
  malformedFrame: '{"model":"broken","message":{"content":\n',
};

function lineEnvelope(call: ChatCall, content: string, toolCalls?: unknown[]): Record<string, unknown> {
  return {
    model: call.model.name,
    created_at: new Date().toISOString(),
    message: { role: "assistant", content, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
  };
}

/** Ollama's tool calls: no id, arguments as an object (arguments that are not a JSON object are sent as `{}`). */
function toolCallsOf(completion: SimCompletion): unknown[] | undefined {
  if (!completion.toolCall) return undefined;
  return [{ function: { name: completion.toolCall.name, arguments: argumentsObject(completion.tokens.join("")) } }];
}

function argumentsObject(argumentsJson: string): unknown {
  try {
    const parsed: unknown = JSON.parse(argumentsJson);
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

function doneFields(call: ChatCall, completion: SimCompletion): Record<string, unknown> {
  const counts = call.fault?.kind === "no_usage" ? {} : { prompt_eval_count: completion.promptTokens, eval_count: completion.outputTokens };
  // Ollama says "stop" when it called a tool.
  return {
    done: true,
    done_reason: completion.finishReason === "tool_calls" ? "stop" : completion.finishReason,
    total_duration: 0,
    load_duration: 0,
    prompt_eval_duration: 0,
    eval_duration: 0,
    ...counts,
  };
}
