import { FinishReason } from "@switchyard/contracts/switchyard/v1/common_pb";

/** OpenAI's finish_reason values in Switchyard's unified terms. */
export function mapOpenAiFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "stop":
      return FinishReason.STOP;
    case "length":
      return FinishReason.LENGTH;
    case "content_filter":
      return FinishReason.CONTENT_FILTER;
    case "tool_calls":
    case "function_call":
      return FinishReason.TOOL_CALLS;
    case null:
    case undefined:
      return FinishReason.UNSPECIFIED;
    default:
      return FinishReason.OTHER;
  }
}
