import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { errorReasonName } from "@switchyard/runtime";
import type { DoorError } from "./http-errors.js";

/**
 * OpenAI's error body: `{"error": {message, type, param, code}}`. The code is OpenAI's own
 * where it has one for the reason (context_length_exceeded, insufficient_quota,
 * rate_limit_exceeded), else the contract's reason in snake case, else the status's.
 */
export function openAiErrorBody(failure: DoorError): Record<string, unknown> {
  const [statusType, statusCode] = openAiKinds[failure.status] ?? ["api_error", null];
  const reason = failure.reason ?? ErrorReason.UNSPECIFIED;
  const [type, code] = openAiReasons[reason] ?? [statusType, reason === ErrorReason.UNSPECIFIED ? statusCode : errorReasonName(reason)];
  return { error: { message: failure.message, type, param: failure.param ?? null, code } };
}

const openAiReasons: Partial<Record<ErrorReason, readonly [string, string]>> = {
  [ErrorReason.CONTEXT_LENGTH_EXCEEDED]: ["invalid_request_error", "context_length_exceeded"],
  [ErrorReason.BUDGET_EXHAUSTED]: ["insufficient_quota", "insufficient_quota"],
  [ErrorReason.RATE_LIMITED]: ["rate_limit_error", "rate_limit_exceeded"],
  [ErrorReason.QUEUE_FULL]: ["rate_limit_error", "rate_limit_exceeded"],
  [ErrorReason.PROVIDER_RATE_LIMITED]: ["rate_limit_error", "rate_limit_exceeded"],
};

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

/**
 * Headers every error carries: Retry-After when the refusal says when to come back, and
 * `x-switchyard-error-reason` when the contract names a reason (Anthropic's body has no code).
 */
export function errorHeaders(failure: DoorError): Record<string, string> {
  return {
    ...(failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) }),
    ...(failure.reason === undefined ? {} : { "x-switchyard-error-reason": errorReasonName(failure.reason) }),
  };
}
