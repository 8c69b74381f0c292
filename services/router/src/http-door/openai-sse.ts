import type { StreamCompleteResponse, StreamStart } from "@switchyard/contracts/switchyard/v1/router_pb";
import { openAiErrorBody } from "./error-shapes.js";
import type { DoorError } from "./http-errors.js";
import { itemisation } from "./itemisation.js";
import { openAiFinishReason, openAiUsage } from "./openai-chat-response.js";
import { sseFrame } from "./door-response.js";

/** Options of one OpenAI stream. */
export interface OpenAiStreamOptions {
  readonly created: number;
  /** `stream_options.include_usage`: one more chunk with empty choices and the usage. */
  readonly includeUsage: boolean;
}

/**
 * Turns the router's stream events into `chat.completion.chunk` frames: a role chunk at the
 * start, content or tool-call deltas, a finish chunk, the usage chunk when asked for, then
 * `[DONE]`. A failure becomes an `{"error": ...}` frame and no `[DONE]`, which the OpenAI SDKs
 * raise as an error instead of taking a cut answer for a whole one.
 */
export function createOpenAiStreamEncoder(
  start: StreamStart,
  options: OpenAiStreamOptions,
): {
  encode(event: StreamCompleteResponse): string[];
  fail(failure: DoorError): string;
} {
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
    sseFrame({
      id: `chatcmpl-${start.requestId}`,
      object: "chat.completion.chunk",
      created: options.created,
      model: start.model,
      system_fingerprint: null,
      choices,
      ...extra,
    });
  const delta = (content: Record<string, unknown>, finishReason: string | null = null): unknown => ({
    index: 0,
    delta: content,
    logprobs: null,
    finish_reason: finishReason,
  });
  return {
    encode(event) {
      switch (event.event.case) {
        case "start":
          return [chunk([delta({ role: "assistant", content: "", refusal: null })])];
        case "delta": {
          const { text, toolCall } = event.event.value;
          if (!toolCall) return text ? [chunk([delta({ content: text })])] : [];
          const call = {
            index: toolCall.index,
            ...(toolCall.id ? { id: toolCall.id, type: "function" } : {}),
            function: { ...(toolCall.name ? { name: toolCall.name } : {}), arguments: toolCall.argumentsFragment },
          };
          return [chunk([delta({ tool_calls: [call] })])];
        }
        case "completed": {
          const response = event.event.value;
          const extension = { switchyard: itemisation(response) };
          const finish = chunk([delta({}, openAiFinishReason(response.finishReason))], options.includeUsage ? {} : extension);
          const usage = options.includeUsage ? [chunk([], { usage: openAiUsage(response.usage), ...extension })] : [];
          return [finish, ...usage, sseFrame("[DONE]")];
        }
        default:
          return [];
      }
    },
    fail: (failure) => sseFrame(openAiErrorBody(failure)),
  };
}
