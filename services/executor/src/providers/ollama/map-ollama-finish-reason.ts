import type { FinishReason } from "@switchyard/provider-spec";

/** Ollama's done_reason values in Switchyard's unified terms. */
export function mapOllamaFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "stop":
      return "stop";
    case "length":
      return "length";
    case null:
    case undefined:
    case "":
      return "unknown";
    default:
      return "other";
  }
}
