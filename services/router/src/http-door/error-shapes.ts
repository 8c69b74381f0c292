import type { DoorError } from "./http-errors.js";

/** OpenAI's error body: `{"error": {message, type, param, code}}`. */
export function openAiErrorBody(failure: DoorError): Record<string, unknown> {
  const [type, code] = openAiKinds[failure.status] ?? ["api_error", null];
  return { error: { message: failure.message, type, param: failure.param ?? null, code } };
}

const openAiKinds: Record<number, readonly [string, string | null]> = {
  400: ["invalid_request_error", null],
  401: ["invalid_request_error", "invalid_api_key"],
  403: ["permission_error", null],
  404: ["invalid_request_error", "model_not_found"],
  413: ["invalid_request_error", "request_too_large"],
  429: ["rate_limit_error", "rate_limit_exceeded"],
  503: ["server_error", "service_unavailable"],
  504: ["server_error", "timeout"],
};

/** Anthropic's error body: `{"type": "error", "error": {type, message}}`. */
export function anthropicErrorBody(failure: DoorError): Record<string, unknown> {
  return { type: "error", error: { type: anthropicKinds[failure.status] ?? "api_error", message: failure.message } };
}

const anthropicKinds: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  503: "overloaded_error",
  504: "timeout_error",
};

/** Headers every error carries: Retry-After when the refusal says when to come back. */
export function errorHeaders(failure: DoorError): Record<string, string> {
  return failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) };
}
