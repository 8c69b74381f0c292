import type { FinishReason } from "@switchyard/provider-spec";

/** OpenAI's finish_reason values in Switchyard's unified terms. */
export function mapOpenAiFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "stop":
      return "stop";
    case "length":
      return "length";
    case "content_filter":
      return "content-filter";
    case "tool_calls":
    case "function_call":
      return "tool-calls";
    case null:
    case undefined:
      return "unknown";
    default:
      return "other";
  }
}
