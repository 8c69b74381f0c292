import type { ToolCall, Usage } from "@switchyard/contracts/switchyard/v1/common_pb";
import { FinishReason } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { itemisation } from "./itemisation.js";

/** OpenAI's usage object, with cached and reasoning tokens in their detail objects. */
export function openAiUsage(usage: Usage | undefined): Record<string, unknown> {
  const input = Number(usage?.inputTokens ?? 0n);
  const output = Number(usage?.outputTokens ?? 0n);
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: Number(usage?.totalTokens ?? 0n) || input + output,
    prompt_tokens_details: { cached_tokens: Number(usage?.cachedInputTokens ?? 0n) },
    completion_tokens_details: { reasoning_tokens: Number(usage?.reasoningTokens ?? 0n) },
  };
}

/** OpenAI's finish_reason names. */
export function openAiFinishReason(reason: FinishReason): string {
  switch (reason) {
    case FinishReason.LENGTH:
      return "length";
    case FinishReason.CONTENT_FILTER:
      return "content_filter";
    case FinishReason.TOOL_CALLS:
      return "tool_calls";
    default:
      return "stop";
  }
}

/** A tool call in OpenAI's shape. */
export function openAiToolCall(call: ToolCall): Record<string, unknown> {
  return { id: call.id, type: "function", function: { name: call.name, arguments: call.argumentsJson } };
}

/** The `chat.completion` object for a finished CompleteResponse. */
export function openAiChatCompletion(response: CompleteResponse, created: number): Record<string, unknown> {
  const hasTools = response.toolCalls.length > 0;
  return {
    id: `chatcmpl-${response.requestId}`,
    object: "chat.completion",
    created,
    model: response.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: hasTools && response.answer === "" ? null : response.answer,
          refusal: null,
          ...(hasTools ? { tool_calls: response.toolCalls.map(openAiToolCall) } : {}),
        },
        logprobs: null,
        finish_reason: openAiFinishReason(response.finishReason),
      },
    ],
    usage: openAiUsage(response.usage),
    system_fingerprint: null,
    switchyard: itemisation(response),
  };
}
