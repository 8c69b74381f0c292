import type { CallSettings, PromptMessage } from "@switchyard/provider-spec";

/** Chat messages in Ollama's request shape (Ollama has no participant names). */
export function convertToOllamaMessages(messages: readonly PromptMessage[]): { role: string; content: string }[] {
  return messages.map((message) => ({ role: message.role === "developer" ? "system" : message.role, content: message.content }));
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
