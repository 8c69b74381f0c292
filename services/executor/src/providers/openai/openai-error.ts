import OpenAI from "openai";
import { kindForStatus, ProviderError, retryAfterMsFrom } from "../provider-error.js";

/**
 * Turns whatever the openai SDK threw into a ProviderError: HTTP errors by status (a 400 with
 * code context_length_exceeded is a context-length failure), connection resets and timeouts as
 * retryable, aborts as cancellation.
 */
export function toOpenAiProviderError(error: unknown, provider: string): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  if (error instanceof OpenAI.APIUserAbortError) {
    return new ProviderError({ kind: "cancelled", provider, message: "request aborted", cause: error });
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ProviderError({ kind: "timeout", provider, message: error.message, cause: error });
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const contextLength = error.code === "context_length_exceeded" || /maximum context length|context window/i.test(error.message);
    return new ProviderError({
      kind: contextLength ? "context_length" : kindForStatus(error.status),
      provider,
      message: error.message,
      status: error.status,
      retryAfterMs: retryAfterMsFrom(error.headers),
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIError) {
    return new ProviderError({ kind: "unavailable", provider, message: error.message, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError({ kind: "malformed_response", provider, message, cause: error });
}
