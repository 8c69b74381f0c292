import type { TokenUsage } from "@switchyard/provider-spec";
import { usageOf } from "@switchyard/provider-spec";
import type { OllamaChatLine } from "./ollama-api.js";

/** Ollama's counts in the normalised shape; undefined when the final line carries none. */
export function convertOllamaUsage(line: OllamaChatLine): TokenUsage | undefined {
  if (line.eval_count == null && line.prompt_eval_count == null) return undefined;
  return usageOf(line.prompt_eval_count ?? 0, line.eval_count ?? 0);
}
