import { APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { kindForStatus, ProviderError, retryAfterMsFrom } from "../provider-error.js";

/**
 * Turns whatever the openai SDK threw into a ProviderError: HTTP errors by status (a 400 with
 * code context_length_exceeded is a context-length failure), connection resets and timeouts as
 * retryable, aborts as cancellation.
 */
export function toOpenAiProviderError(error: unknown, provider: string): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  if (error instanceof APIUserAbortError) {
    return new ProviderError({ kind: "cancelled", provider, message: "request aborted", cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError({ kind: "timeout", provider, message: error.message, cause: error });
  }
  if (isApiError(error) && error.status !== undefined) return fromHttpStatus(error, error.status, provider);
  if (error instanceof APIError) {
    // No status: the connection failed or was reset before a response.
    return new ProviderError({ kind: "unavailable", provider, message: error.message, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError({ kind: "malformed_response", provider, message, cause: error });
}

function fromHttpStatus(error: APIError<number | undefined, Headers | undefined>, status: number, provider: string): ProviderError {
  const contextLength = error.code === "context_length_exceeded" || /maximum context length|context window/i.test(error.message);
  return new ProviderError({
    kind: contextLength ? "context_length" : kindForStatus(status),
    provider,
    message: error.message,
    status,
    retryAfterMs: retryAfterMsFrom(error.headers),
    cause: error,
  });
}

/** instanceof narrows to APIError<any, ...>; this guard narrows to the SDK's real shape. */
function isApiError(error: unknown): error is APIError<number | undefined, Headers | undefined> {
  return error instanceof APIError;
}
