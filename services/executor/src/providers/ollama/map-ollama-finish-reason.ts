import type { FinishReason } from "@switchyard/provider-spec";

/** Ollama's done_reason values in Switchyard's unified terms. */
export function mapOllamaFinishReason(reason: string | null | undefined, calledTools = false): FinishReason {
  // Ollama ends a tool-calling answer with "stop"; the contract says TOOL_CALLS.
  if (calledTools && (reason === "stop" || !reason)) return "tool-calls";
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
