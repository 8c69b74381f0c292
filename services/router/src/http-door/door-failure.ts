import type { Logger } from "@switchyard/runtime";
import type { DoorResponse } from "./door-response.js";
import { sendJson } from "./door-response.js";
import { errorHeaders } from "./error-shapes.js";
import type { DoorError } from "./http-errors.js";
import { doorErrorFrom } from "./http-errors.js";
import { DoorRefusal } from "./request-body.js";

/** Writes a DoorError in one API's shape (OpenAI's or Anthropic's). */
export type ErrorShape = (failure: DoorError) => Record<string, unknown>;

/** The DoorError for anything a handler threw: the door's own refusals, or the RPC's error. */
export function failureOf(error: unknown): DoorError {
  return error instanceof DoorRefusal ? error.failure : doorErrorFrom(error);
}

/**
 * Answers a failed request in the API's error shape with its status (never a stack). A
 * response whose headers already went out can only be ended; streams write their own error
 * event before that.
 */
export function sendFailure(response: DoorResponse, error: unknown, shape: ErrorShape, logger: Logger): void {
  const failure = failureOf(error);
  if (failure.status >= 500 && !(error instanceof DoorRefusal)) logger.warn({ status: failure.status, code: failure.code }, "http door call failed");
  if (response.headersSent) {
    response.end();
    return;
  }
  sendJson(response, failure.status, shape(failure), errorHeaders(failure));
}
