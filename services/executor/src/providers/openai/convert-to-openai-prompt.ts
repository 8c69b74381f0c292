import type { CallSettings, PromptMessage, PromptPart, ResponseFormatSpec, ToolChoiceSpec, ToolSpec } from "@switchyard/provider-spec";
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from "openai/resources/chat/completions";

/** What the request shape depends on besides the call: reasoning models take other fields. */
export interface OpenAiModelTraits {
  /**
   * o1/o3/o4/gpt-5 style: `max_completion_tokens` instead of `max_tokens`, `reasoning_effort`
   * sent, and no `temperature`/`top_p`/`logprobs` (those models refuse them).
   */
  readonly reasoning: boolean;
}

/** Chat messages in OpenAI's request shape (roles are validated upstream). */
export function convertToOpenAiMessages(messages: readonly PromptMessage[]): ChatCompletionMessageParam[] {
  return messages.map(convertMessage);
}

function convertMessage(message: PromptMessage): ChatCompletionMessageParam {
  const name = message.name ? { name: message.name } : {};
  if (message.role === "tool") return { role: "tool", tool_call_id: message.toolCallId ?? "", content: message.content };
  const content = message.parts && message.parts.length > 0 ? message.parts.map(convertPart) : message.content;
  if (message.role === "assistant" && message.toolCalls && message.toolCalls.length > 0) {
    const toolCalls = message.toolCalls.map((call) => ({
      id: call.id,
      type: "function" as const,
      function: { name: call.name, arguments: call.argumentsJson },
    }));
    return { role: "assistant", content: typeof content === "string" && content !== "" ? content : null, tool_calls: toolCalls, ...name };
  }
  // Roles are validated upstream; only user turns may carry image parts.
  return { role: message.role, content, ...name } as ChatCompletionMessageParam;
}

function convertPart(part: PromptPart): ChatCompletionContentPart {
  if (part.type === "text") return { type: "text", text: part.text };
  const url = "url" in part ? part.url : `data:${part.mediaType};base64,${Buffer.from(part.data).toString("base64")}`;
  return { type: "image_url", image_url: { url, ...(part.detail ? { detail: part.detail as "auto" | "low" | "high" } : {}) } };
}

/** Generation settings under OpenAI's field names; unset settings are left out (provider defaults). */
export function convertToOpenAiSettings(settings: CallSettings, traits: OpenAiModelTraits = { reasoning: false }): Record<string, unknown> {
  const sampling = traits.reasoning
    ? { ...(settings.reasoningEffort ? { reasoning_effort: settings.reasoningEffort } : {}) }
    : {
        ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
        ...(settings.topP !== undefined ? { top_p: settings.topP } : {}),
        ...(settings.logprobs ? { logprobs: true } : {}),
      };
  return {
    ...(settings.maxOutputTokens !== undefined ? { [traits.reasoning ? "max_completion_tokens" : "max_tokens"]: settings.maxOutputTokens } : {}),
    ...sampling,
    ...(settings.stop && settings.stop.length > 0 ? { stop: [...settings.stop] } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.tools && settings.tools.length > 0 ? { tools: settings.tools.map(convertTool) } : {}),
    ...(settings.toolChoice ? { tool_choice: convertToolChoice(settings.toolChoice) } : {}),
    ...(settings.parallelToolCalls !== undefined ? { parallel_tool_calls: settings.parallelToolCalls } : {}),
    ...(settings.responseFormat ? { response_format: convertResponseFormat(settings.responseFormat) } : {}),
  };
}

function convertTool(tool: ToolSpec): Record<string, unknown> {
  return {
    type: "function",
    function: {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      parameters: tool.parameters,
      ...(tool.strict ? { strict: true } : {}),
    },
  };
}

function convertToolChoice(choice: ToolChoiceSpec): unknown {
  return "mode" in choice ? choice.mode : { type: "function", function: { name: choice.toolName } };
}

function convertResponseFormat(format: ResponseFormatSpec): Record<string, unknown> {
  switch (format.type) {
    case "text":
      return { type: "text" };
    case "json-object":
      return { type: "json_object" };
    case "json-schema":
      return { type: "json_schema", json_schema: { name: format.name, schema: format.schema, strict: format.strict } };
  }
}
