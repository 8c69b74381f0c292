import type { CallSettings, PromptMessage, PromptPart, ReasoningEffortSpec } from "@switchyard/provider-spec";
import { ProviderError } from "@switchyard/provider-spec";
import type { Message as OllamaMessage, Tool as OllamaTool } from "ollama";

/** An Ollama chat message (Ollama has no participant names and no tool-call ids). */
export type OllamaChatMessage = OllamaMessage;

/**
 * Chat messages in Ollama's request shape: developer turns become system turns, image parts
 * travel as base64 in `images` (Ollama takes no image URLs: data: URLs are decoded, https: ones
 * are refused by `checkOllamaCall`), assistant tool calls carry their arguments as objects, and a
 * tool turn names the tool it answers (`tool_name`) instead of a call id.
 */
export function convertToOllamaMessages(messages: readonly PromptMessage[]): OllamaChatMessage[] {
  const toolNames = new Map<string, string>();
  return messages.map((message) => {
    for (const call of message.toolCalls ?? []) toolNames.set(call.id, call.name);
    const role = message.role === "developer" ? "system" : message.role;
    const parts = message.parts ?? [];
    const content = parts.length > 0 ? parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n") : message.content;
    const images = parts.flatMap((part) => (part.type === "image" ? [imageBase64(part)] : []));
    const toolCalls = (message.toolCalls ?? []).map((call) => ({ function: { name: call.name, arguments: argumentsObject(call.argumentsJson) } }));
    const toolName = message.role === "tool" && message.toolCallId ? toolNames.get(message.toolCallId) : undefined;
    return {
      role,
      content,
      ...(images.length > 0 ? { images } : {}),
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      ...(toolName ? { tool_name: toolName } : {}),
    };
  });
}

function imageBase64(part: Extract<PromptPart, { type: "image" }>): string {
  if ("data" in part) return Buffer.from(part.data).toString("base64");
  return part.url.slice(part.url.indexOf(",") + 1);
}

function argumentsObject(argumentsJson: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(argumentsJson);
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

/**
 * Refuses what Ollama cannot take, before any call: image URLs other than data: URLs, and a
 * tool choice that forces a call (Ollama has no `tool_choice`; "none" is honoured by sending no
 * tools). The error names the field.
 */
export function checkOllamaCall(messages: readonly PromptMessage[], settings: CallSettings, provider: string): void {
  messages.forEach((message, index) => {
    const urlPart = message.parts?.findIndex((part) => part.type === "image" && "url" in part && !part.url.startsWith("data:")) ?? -1;
    if (urlPart >= 0) refuse(`messages[${index}].parts[${urlPart}].image.url: Ollama takes images as bytes or data: URLs, not by https: URL`, provider);
  });
  const choice = settings.toolChoice;
  if (choice && ("toolName" in choice || choice.mode === "required"))
    refuse("params.tool_choice: Ollama cannot be made to call a tool (only auto or none)", provider);
}

function refuse(message: string, provider: string): never {
  throw new ProviderError({ kind: "bad_request", provider, message });
}

/** Tools, answer format and thinking as Ollama's request fields. */
export function convertToOllamaRequestFields(
  settings: CallSettings,
  reasoning: boolean,
): { tools?: OllamaTool[]; format?: string | object; think?: boolean | "low" | "medium" | "high" } {
  const sendTools =
    settings.tools && settings.tools.length > 0 && !(settings.toolChoice && "mode" in settings.toolChoice && settings.toolChoice.mode === "none");
  const format = settings.responseFormat;
  return {
    ...(sendTools
      ? {
          tools: settings.tools.map((tool) => ({
            type: "function",
            function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), parameters: tool.parameters },
          })),
        }
      : {}),
    ...(format?.type === "json-object" ? { format: "json" } : format?.type === "json-schema" ? { format: format.schema } : {}),
    ...(reasoning && settings.reasoningEffort ? { think: thinkFor(settings.reasoningEffort) } : {}),
  };
}

function thinkFor(effort: ReasoningEffortSpec): boolean | "low" | "medium" | "high" {
  if (effort === "none") return false;
  return effort === "minimal" ? "low" : effort;
}

/** Sampling settings as Ollama model options; `extra` (provider options) fills in the rest. */
export function convertToOllamaOptions(settings: CallSettings, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    ...extra,
    ...(settings.maxOutputTokens !== undefined ? { num_predict: settings.maxOutputTokens } : {}),
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.topP !== undefined ? { top_p: settings.topP } : {}),
    ...(settings.stop && settings.stop.length > 0 ? { stop: [...settings.stop] } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
  };
}
