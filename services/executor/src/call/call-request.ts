import type { ChatMessage, ContentPart, GenerationParams, ResponseFormat, ToolChoice } from "@switchyard/contracts/switchyard/v1/common_pb";
import { ReasoningEffort, ResponseFormatType, ToolChoiceMode } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CallSettings, PromptMessage, PromptPart, ReasoningEffortSpec, ResponseFormatSpec, ToolChoiceSpec } from "@switchyard/provider-spec";

/** The conversation in the provider spec's terms (already validated). */
export function toPromptMessages(messages: readonly ChatMessage[]): PromptMessage[] {
  return messages.map((message) => ({
    role: message.role,
    content: message.content,
    ...(message.name ? { name: message.name } : {}),
    ...(message.parts.length > 0 ? { parts: message.parts.flatMap(toPromptPart) } : {}),
    ...(message.toolCalls.length > 0 ? { toolCalls: message.toolCalls.map(({ id, name, argumentsJson }) => ({ id, name, argumentsJson })) } : {}),
    ...(message.toolCallId ? { toolCallId: message.toolCallId } : {}),
  }));
}

function toPromptPart(part: ContentPart): PromptPart[] {
  if (part.part.case === "text") return [{ type: "text", text: part.part.value }];
  if (part.part.case !== "image") return [];
  const image = part.part.value;
  const detail = image.detail ? { detail: image.detail } : {};
  if (image.source.case === "url") return [{ type: "image", url: image.source.value, ...detail }];
  if (image.source.case === "data") return [{ type: "image", data: image.source.value, mediaType: image.mediaType, ...detail }];
  return [];
}

const reasoningEfforts: Record<ReasoningEffort, ReasoningEffortSpec | undefined> = {
  [ReasoningEffort.UNSPECIFIED]: undefined,
  [ReasoningEffort.NONE]: "none",
  [ReasoningEffort.MINIMAL]: "minimal",
  [ReasoningEffort.LOW]: "low",
  [ReasoningEffort.MEDIUM]: "medium",
  [ReasoningEffort.HIGH]: "high",
};

/** Generation parameters in the provider spec's terms; unset ones stay unset (provider defaults). */
export function toCallSettings(params: GenerationParams | undefined): CallSettings {
  if (!params) return {};
  const toolChoice = toToolChoice(params.toolChoice);
  const responseFormat = toResponseFormat(params.responseFormat);
  const reasoningEffort = reasoningEfforts[params.reasoningEffort];
  return {
    ...(params.maxOutputTokens !== undefined ? { maxOutputTokens: params.maxOutputTokens } : {}),
    ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
    ...(params.topP !== undefined ? { topP: params.topP } : {}),
    ...(params.stop.length > 0 ? { stop: params.stop } : {}),
    ...(params.seed !== undefined ? { seed: Number(params.seed) } : {}),
    logprobs: params.logprobs,
    ...(params.tools.length > 0
      ? {
          tools: params.tools.map((tool) => ({
            name: tool.name,
            parameters: tool.parameters ?? {},
            ...(tool.description ? { description: tool.description } : {}),
            ...(tool.strict ? { strict: true } : {}),
          })),
        }
      : {}),
    ...(toolChoice ? { toolChoice } : {}),
    ...(params.parallelToolCalls !== undefined ? { parallelToolCalls: params.parallelToolCalls } : {}),
    ...(responseFormat ? { responseFormat } : {}),
    ...(reasoningEffort ? { reasoningEffort } : {}),
  };
}

function toToolChoice(choice: ToolChoice | undefined): ToolChoiceSpec | undefined {
  switch (choice?.choice.case) {
    case "toolName":
      return { toolName: choice.choice.value };
    case "mode": {
      const mode = { [ToolChoiceMode.AUTO]: "auto", [ToolChoiceMode.NONE]: "none", [ToolChoiceMode.REQUIRED]: "required" }[choice.choice.value as number] as
        | "auto"
        | "none"
        | "required"
        | undefined;
      return mode ? { mode } : undefined;
    }
    default:
      return undefined;
  }
}

function toResponseFormat(format: ResponseFormat | undefined): ResponseFormatSpec | undefined {
  switch (format?.type) {
    case ResponseFormatType.TEXT:
      return { type: "text" };
    case ResponseFormatType.JSON_OBJECT:
      return { type: "json-object" };
    case ResponseFormatType.JSON_SCHEMA:
      return { type: "json-schema", name: format.schemaName || "response", schema: format.jsonSchema ?? {}, strict: format.strict };
    default:
      return undefined;
  }
}
