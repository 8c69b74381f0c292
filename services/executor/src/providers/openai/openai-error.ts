import { APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { headersToRecord, kindForStatus, ProviderError, retryAfterMsFrom } from "@switchyard/provider-spec";
import { openAiErrorBodySchema } from "./openai-api.js";

/**
 * Turns whatever the openai SDK (or the stream under it) threw into a ProviderError: HTTP
 * errors by status, a 400 with code context_length_exceeded as a context-length failure,
 * timeouts and dropped connections as retryable, unparsable chunks as malformed, and anything
 * while the call's signal is aborted as cancellation.
 */
export function toOpenAiProviderError(error: unknown, provider: string, signal: AbortSignal): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  if (signal.aborted || error instanceof APIUserAbortError) {
    return new ProviderError({ kind: "cancelled", provider, message: "request aborted", cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) return new ProviderError({ kind: "timeout", provider, message: error.message, cause: error });
  if (isApiError(error) && error.status !== undefined) return fromHttpStatus(error, error.status, provider);
  if (error instanceof SyntaxError) {
    return new ProviderError({ kind: "malformed_response", provider, message: `unparsable response from the provider: ${error.message}`, cause: error });
  }
  // No status: the connection failed, or was reset before or during the answer.
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError({ kind: "unavailable", provider, message: `connection to the provider failed: ${message}`, cause: error });
}

function fromHttpStatus(error: APIError<number | undefined, Headers | undefined>, status: number, provider: string): ProviderError {
  const body = openAiErrorBodySchema.safeParse({ error: error.error });
  const code = body.success ? body.data.error.code : error.code;
  const contextLength = code === "context_length_exceeded" || /maximum context length|context window|prompt is too long/i.test(error.message);
  return new ProviderError({
    kind: contextLength ? "context_length" : kindForStatus(status),
    provider,
    message: body.success ? messageOf(body.data.error) : error.message,
    status,
    responseHeaders: headersToRecord(error.headers?.entries()),
    responseBody: JSON.stringify(error.error ?? null),
    retryAfterMs: retryAfterMsFrom(error.headers),
    cause: error,
  });
}

/** instanceof narrows to APIError<any, ...>; this guard narrows to the SDK's real shape. */
function isApiError(error: unknown): error is APIError<number | undefined, Headers | undefined> {
  return error instanceof APIError;
}

/** The provider's message, with the upstream provider's own words when a router (OpenRouter) passes them on. */
function messageOf(error: { message: string; metadata?: { raw?: unknown } | null | undefined }): string {
  const raw = error.metadata?.raw;
  return typeof raw === "string" && raw.length > 0 && raw !== error.message ? `${error.message}: ${raw}` : error.message;
}
