import { kindForStatus, ProviderError } from "@switchyard/provider-spec";
import { ollamaErrorBodySchema } from "./ollama-api.js";

/**
 * Turns what the ollama SDK threw into a ProviderError. The SDK throws `ResponseError` with
 * `status_code` for HTTP errors (message = Ollama's `error` text); a context-length refusal is
 * recognised by its wording, since Ollama has no error codes. Unparsable lines are malformed,
 * anything else while the call's signal is aborted is cancellation, the rest a lost connection.
 */
export function toOllamaProviderError(error: unknown, provider: string, signal: AbortSignal): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  if (signal.aborted) return new ProviderError({ kind: "cancelled", provider, message: "request aborted", cause: error });
  const message = error instanceof Error ? error.message : String(error);
  const status = statusOf(error);
  if (status !== undefined) {
    const body = ollamaErrorBodySchema.safeParse({ error: message });
    const kind = /context (length|window)|too long|exceeds.*context/i.test(message) ? "context_length" : kindForStatus(status);
    return new ProviderError({ kind, provider, message, status, responseBody: body.success ? JSON.stringify(body.data) : message, cause: error });
  }
  if (error instanceof SyntaxError) {
    return new ProviderError({ kind: "malformed_response", provider, message: `unparsable response from the provider: ${message}`, cause: error });
  }
  return new ProviderError({ kind: "unavailable", provider, message: `connection to the provider failed: ${message}`, cause: error });
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("status_code" in error)) return undefined;
  const status = Number(error.status_code);
  return Number.isInteger(status) ? status : undefined;
}
