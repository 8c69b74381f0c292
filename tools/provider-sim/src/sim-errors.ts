import type { Fault } from "./faults.js";
import type { SimModel } from "./sim-models.js";

/** A provider error as the simulator sends it (status, OpenAI-style type and code, message). */
export interface SimError {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  readonly message: string;
  readonly retryAfterMs?: number;
}

/** Faults that answer with an error before any token, in the words real providers use. */
export function errorForFault(fault: Fault, model: SimModel, promptTokens: number): SimError | undefined {
  switch (fault.kind) {
    case "rate_limit":
      return {
        status: 429,
        type: "requests",
        code: "rate_limit_exceeded",
        param: null,
        message: `Rate limit reached for ${model.name} (simulated). Please try again later.`,
        retryAfterMs: fault.retryAfterMs ?? 1_000,
      };
    case "server_error":
      return { status: 500, type: "server_error", code: null, param: null, message: "The server had an error while processing your request (simulated)." };
    case "unavailable":
      return { status: 503, type: "server_error", code: null, param: null, message: "The engine is currently overloaded, please try again later (simulated)." };
    case "context_length":
      return contextLengthError(model, promptTokens);
    case "bad_key":
      return { status: 401, type: "invalid_request_error", code: "invalid_api_key", param: null, message: "Incorrect API key provided (simulated)." };
    default:
      return undefined;
  }
}

/** The error for a prompt longer than the model's window. */
export function contextLengthError(model: SimModel, promptTokens: number): SimError {
  return {
    status: 400,
    type: "invalid_request_error",
    code: "context_length_exceeded",
    param: "messages",
    message: `This model's maximum context length is ${model.contextWindow} tokens. However, your messages resulted in ${promptTokens} tokens.`,
  };
}

/** Retry-After headers as OpenAI sends them: whole seconds, plus the exact milliseconds. */
export function retryAfterHeaders(error: SimError): Record<string, string> {
  if (error.retryAfterMs === undefined) return {};
  return {
    "retry-after": String(Math.max(1, Math.ceil(error.retryAfterMs / 1_000))),
    "retry-after-ms": String(error.retryAfterMs),
  };
}
