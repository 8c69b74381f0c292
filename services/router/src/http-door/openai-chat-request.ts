import { create } from "@bufbuild/protobuf";
import type { ChatMessage, GenerationParams } from "@switchyard/contracts/switchyard/v1/common_pb";
import {
  ChatMessageSchema,
  GenerationParamsSchema,
  ReasoningEffort,
  ResponseFormatSchema,
  ResponseFormatType,
} from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CompleteRequest } from "@switchyard/contracts/switchyard/v1/router_pb";
import { CompleteRequestSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import { definedOnly, imageUrlPart, structOf, textPart, toolChoice, toolDefinition } from "./contract-builders.js";
import type { OpenAiChatMessage, OpenAiChatRequest } from "./openai-chat-schema.js";
import type { DoorRequest } from "./request-body.js";
import { routingFields } from "./routing-options.js";

/** An OpenAI chat request as the router's CompleteRequest (routing from `model` and the extension). */
export function openAiToCompleteRequest(body: OpenAiChatRequest, request: DoorRequest): CompleteRequest {
  const providerOptions = definedOnly({ frequency_penalty: body.frequency_penalty, presence_penalty: body.presence_penalty, logit_bias: body.logit_bias });
  return create(CompleteRequestSchema, {
    ...routingFields(body.model, body.switchyard, request),
    messages: body.messages.map(openAiMessage),
    params: openAiParams(body),
    ...(Object.keys(providerOptions).length > 0 ? { providerOptions: structOf(providerOptions) } : {}),
  });
}

function openAiMessage(message: OpenAiChatMessage): ChatMessage {
  switch (message.role) {
    case "user":
      return typeof message.content === "string"
        ? create(ChatMessageSchema, { role: "user", content: message.content, name: message.name ?? "" })
        : create(ChatMessageSchema, {
            role: "user",
            name: message.name ?? "",
            parts: message.content.map((part) => (part.type === "text" ? textPart(part.text) : imageUrlPart(part.image_url.url, part.image_url.detail))),
          });
    case "assistant":
      return create(ChatMessageSchema, {
        role: "assistant",
        content: joinText(message.content ?? ""),
        name: message.name ?? "",
        toolCalls: (message.tool_calls ?? []).map((call) => ({ id: call.id, name: call.function.name, argumentsJson: call.function.arguments })),
      });
    case "tool":
      return create(ChatMessageSchema, { role: "tool", content: joinText(message.content), toolCallId: message.tool_call_id, name: message.name ?? "" });
    default:
      return create(ChatMessageSchema, { role: message.role, content: joinText(message.content), name: message.name ?? "" });
  }
}

function joinText(content: string | readonly { readonly text: string }[]): string {
  return typeof content === "string" ? content : content.map((part) => part.text).join("");
}

function openAiParams(body: OpenAiChatRequest): GenerationParams {
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  return create(GenerationParamsSchema, {
    ...definedOnly({ maxOutputTokens: maxTokens, temperature: body.temperature, topP: body.top_p, parallelToolCalls: body.parallel_tool_calls }),
    ...(body.seed === undefined || body.seed === null ? {} : { seed: BigInt(body.seed) }),
    stop: body.stop === undefined || body.stop === null ? [] : typeof body.stop === "string" ? [body.stop] : body.stop,
    logprobs: body.logprobs ?? false,
    tools: (body.tools ?? []).map((tool) =>
      toolDefinition(tool.function.name, tool.function.description, tool.function.parameters, tool.function.strict ?? false),
    ),
    ...(body.tool_choice === undefined ? {} : { toolChoice: toolChoice(typeof body.tool_choice === "string" ? body.tool_choice : body.tool_choice.function) }),
    ...(body.response_format === undefined ? {} : { responseFormat: openAiResponseFormat(body.response_format) }),
    reasoningEffort: reasoningEffort(body.reasoning_effort ?? undefined),
  });
}

function openAiResponseFormat(format: NonNullable<OpenAiChatRequest["response_format"]>): GenerationParams["responseFormat"] {
  if (format.type === "text") return create(ResponseFormatSchema, { type: ResponseFormatType.TEXT });
  if (format.type === "json_object") return create(ResponseFormatSchema, { type: ResponseFormatType.JSON_OBJECT });
  return create(ResponseFormatSchema, {
    type: ResponseFormatType.JSON_SCHEMA,
    schemaName: format.json_schema.name,
    ...(format.json_schema.schema ? { jsonSchema: structOf(format.json_schema.schema) } : {}),
    strict: format.json_schema.strict ?? false,
  });
}

/** OpenAI's reasoning effort names, shared with Anthropic's thinking budget mapping. */
export function reasoningEffort(effort: "none" | "minimal" | "low" | "medium" | "high" | undefined): ReasoningEffort {
  if (effort === undefined) return ReasoningEffort.UNSPECIFIED;
  return { none: ReasoningEffort.NONE, minimal: ReasoningEffort.MINIMAL, low: ReasoningEffort.LOW, medium: ReasoningEffort.MEDIUM, high: ReasoningEffort.HIGH }[
    effort
  ];
}
