import type { StreamCompleteResponse, StreamStart } from "@switchyard/contracts/switchyard/v1/router_pb";
import { anthropicErrorBody } from "./error-shapes.js";
import { sseFrame } from "./door-response.js";
import { anthropicStopReason, anthropicUsage } from "./anthropic-messages-response.js";
import { itemisation } from "./itemisation.js";
import type { StreamEncoder } from "./stream-relay.js";

type OpenBlock = { readonly kind: "text" } | { readonly kind: "tool"; readonly toolIndex: number };

/**
 * Anthropic's event sequence for one router stream: message_start, then per content block
 * content_block_start / content_block_delta (text_delta or input_json_delta) /
 * content_block_stop, then message_delta (stop reason, usage) and message_stop. A text block
 * and each tool call are separate blocks, numbered in order. A failure is an `error` event.
 */
export function createAnthropicStreamEncoder(start: StreamStart): StreamEncoder {
  let open: OpenBlock | undefined;
  let index = -1;
  const frame = (type: string, data: Record<string, unknown>): string => sseFrame({ type, ...data }, type);
  const close = (): string[] => {
    if (!open) return [];
    open = undefined;
    return [frame("content_block_stop", { index })];
  };
  const begin = (block: OpenBlock, contentBlock: Record<string, unknown>): string[] => {
    const frames = close();
    open = block;
    index += 1;
    return [...frames, frame("content_block_start", { index, content_block: contentBlock })];
  };
  return {
    encode(event: StreamCompleteResponse) {
      switch (event.event.case) {
        case "start":
          return [
            frame("message_start", {
              message: {
                id: `msg_${start.requestId}`,
                type: "message",
                role: "assistant",
                model: start.model,
                content: [],
                stop_reason: null,
                stop_sequence: null,
                usage: { input_tokens: 0, output_tokens: 0 },
              },
            }),
          ];
        case "delta": {
          const { text, toolCall } = event.event.value;
          if (!toolCall) {
            if (!text) return [];
            const opened = open?.kind === "text" ? [] : begin({ kind: "text" }, { type: "text", text: "" });
            return [...opened, frame("content_block_delta", { index, delta: { type: "text_delta", text } })];
          }
          const sameTool = open?.kind === "tool" && open.toolIndex === toolCall.index;
          const opened = sameTool
            ? []
            : begin({ kind: "tool", toolIndex: toolCall.index }, { type: "tool_use", id: toolCall.id, name: toolCall.name, input: {} });
          const fragment = toolCall.argumentsFragment
            ? [frame("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: toolCall.argumentsFragment } })]
            : [];
          return [...opened, ...fragment];
        }
        case "completed": {
          const response = event.event.value;
          return [
            ...close(),
            frame("message_delta", {
              delta: { stop_reason: anthropicStopReason(response.finishReason), stop_sequence: null },
              usage: anthropicUsage(response.usage),
              switchyard: itemisation(response),
            }),
            frame("message_stop", {}),
          ];
        }
        default:
          return [];
      }
    },
    fail: (failure) => sseFrame(anthropicErrorBody(failure), "error"),
  };
}
