import { create } from "@bufbuild/protobuf";
import type { ChatMessage, ToolChoice } from "@switchyard/contracts/switchyard/v1/common_pb";
import { ChatMessageSchema, GenerationParamsSchema, ReasoningEffort } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CompleteRequest } from "@switchyard/contracts/switchyard/v1/router_pb";
import { CompleteRequestSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import { definedOnly, imageDataPart, imageUrlPart, structOf, textPart, toolChoice, toolDefinition } from "./contract-builders.js";
import type { AnthropicCountTokensRequest, AnthropicMessage, AnthropicMessagesRequest } from "./anthropic-messages-schema.js";
import type { DoorRequest } from "./request-body.js";
import { routingFields } from "./routing-options.js";

/** An Anthropic messages request as the router's CompleteRequest. */
export function anthropicToCompleteRequest(body: AnthropicMessagesRequest, request: DoorRequest): CompleteRequest {
  const parallel = body.tool_choice && "disable_parallel_tool_use" in body.tool_choice ? body.tool_choice.disable_parallel_tool_use : undefined;
  return create(CompleteRequestSchema, {
    ...routingFields(body.model, body.switchyard, request),
    messages: anthropicConversation(body),
    params: create(GenerationParamsSchema, {
      ...definedOnly({ temperature: body.temperature, topP: body.top_p }),
      maxOutputTokens: body.max_tokens,
      stop: body.stop_sequences ?? [],
      tools: (body.tools ?? []).map((tool) => toolDefinition(tool.name, tool.description, tool.input_schema, false)),
      ...(body.tool_choice ? { toolChoice: anthropicToolChoice(body.tool_choice) } : {}),
      ...(parallel === undefined ? {} : { parallelToolCalls: !parallel }),
      reasoningEffort: thinkingEffort(body.thinking),
    }),
    ...(body.top_k === undefined ? {} : { providerOptions: structOf({ top_k: body.top_k }) }),
  });
}

/** The system prompt and turns as ChatMessages (tool results become `tool` messages). */
export function anthropicConversation(body: AnthropicCountTokensRequest): ChatMessage[] {
  const system =
    body.system === undefined
      ? []
      : [
          create(ChatMessageSchema, {
            role: "system",
            content: typeof body.system === "string" ? body.system : body.system.map((block) => block.text).join(""),
          }),
        ];
  return [...system, ...body.messages.flatMap(anthropicMessage)];
}

function anthropicMessage(message: AnthropicMessage): ChatMessage[] {
  if (typeof message.content === "string") return [create(ChatMessageSchema, { role: message.role, content: message.content })];
  if (message.role === "assistant") {
    const text = message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
    const toolCalls = message.content.flatMap((block) =>
      block.type === "tool_use" ? [{ id: block.id, name: block.name, argumentsJson: JSON.stringify(block.input) }] : [],
    );
    return [create(ChatMessageSchema, { role: "assistant", content: text, toolCalls })];
  }
  const results = message.content.flatMap((block) =>
    block.type === "tool_result"
      ? [
          create(ChatMessageSchema, {
            role: "tool",
            toolCallId: block.tool_use_id,
            content: typeof block.content === "string" ? block.content : (block.content ?? []).map((part) => part.text).join(""),
          }),
        ]
      : [],
  );
  const parts = message.content.flatMap((block) => {
    if (block.type === "text") return [textPart(block.text)];
    if (block.type === "image")
      return [block.source.type === "base64" ? imageDataPart(block.source.data, block.source.media_type) : imageUrlPart(block.source.url)];
    return [];
  });
  return parts.length > 0 ? [...results, create(ChatMessageSchema, { role: "user", parts })] : results;
}

function anthropicToolChoice(choice: NonNullable<AnthropicMessagesRequest["tool_choice"]>): ToolChoice {
  if (choice.type === "tool") return toolChoice({ name: choice.name });
  return toolChoice(({ auto: "auto", any: "required", none: "none" } as const)[choice.type]);
}

/** A thinking budget as a reasoning effort: the nearest of Anthropic's documented steps. */
function thinkingEffort(thinking: AnthropicMessagesRequest["thinking"]): ReasoningEffort {
  if (!thinking) return ReasoningEffort.UNSPECIFIED;
  if (thinking.type === "disabled") return ReasoningEffort.NONE;
  if (thinking.budget_tokens < 4_000) return ReasoningEffort.LOW;
  return thinking.budget_tokens < 16_000 ? ReasoningEffort.MEDIUM : ReasoningEffort.HIGH;
}
