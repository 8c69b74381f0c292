import type { CallSettings, PromptMessage } from "@switchyard/provider-spec";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";

/** Chat messages in OpenAI's request shape (roles are validated upstream). */
export function convertToOpenAiMessages(messages: readonly PromptMessage[]): ChatCompletionMessageParam[] {
  return messages.map((message) => ({ role: message.role, content: message.content, ...(message.name ? { name: message.name } : {}) }) as ChatCompletionMessageParam);
}

/** Sampling settings under OpenAI's field names; unset settings are left out (provider defaults). */
export function convertToOpenAiSettings(settings: CallSettings): Record<string, unknown> {
  return {
    ...(settings.maxOutputTokens !== undefined ? { max_tokens: settings.maxOutputTokens } : {}),
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.topP !== undefined ? { top_p: settings.topP } : {}),
    ...(settings.stop && settings.stop.length > 0 ? { stop: [...settings.stop] } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.logprobs ? { logprobs: true } : {}),
  };
}
