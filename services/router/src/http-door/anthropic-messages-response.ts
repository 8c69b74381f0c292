import type { Usage } from "@switchyard/contracts/switchyard/v1/common_pb";
import { FinishReason } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { itemisation } from "./itemisation.js";

/** Anthropic's usage: `input_tokens` excludes what was read from or written to the cache. */
export function anthropicUsage(usage: Usage | undefined): Record<string, number> {
  const cached = Number(usage?.cachedInputTokens ?? 0n);
  const created = Number(usage?.cacheCreationInputTokens ?? 0n);
  return {
    input_tokens: Math.max(0, Number(usage?.inputTokens ?? 0n) - cached - created),
    output_tokens: Number(usage?.outputTokens ?? 0n),
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: created,
  };
}

/** Anthropic's stop_reason names. */
export function anthropicStopReason(reason: FinishReason): string {
  if (reason === FinishReason.LENGTH) return "max_tokens";
  if (reason === FinishReason.TOOL_CALLS) return "tool_use";
  if (reason === FinishReason.CONTENT_FILTER) return "refusal";
  return "end_turn";
}

/** Tool-call arguments as the `input` object Anthropic gives (`{}` when the model wrote none). */
export function toolInput(argumentsJson: string): unknown {
  if (argumentsJson.trim() === "") return {};
  try {
    return JSON.parse(argumentsJson);
  } catch {
    return { _raw: argumentsJson };
  }
}

/** The `message` object for a finished CompleteResponse. */
export function anthropicMessage(response: CompleteResponse): Record<string, unknown> {
  const text = response.answer === "" && response.toolCalls.length > 0 ? [] : [{ type: "text", text: response.answer }];
  return {
    id: `msg_${response.requestId}`,
    type: "message",
    role: "assistant",
    model: response.model,
    content: [...text, ...response.toolCalls.map((call) => ({ type: "tool_use", id: call.id, name: call.name, input: toolInput(call.argumentsJson) }))],
    stop_reason: anthropicStopReason(response.finishReason),
    stop_sequence: null,
    usage: anthropicUsage(response.usage),
    switchyard: itemisation(response),
  };
}
