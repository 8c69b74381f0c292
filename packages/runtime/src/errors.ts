import { Code, ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import type { Logger } from "pino";
import {
  ClosedConnectionError,
  ConnectionError,
  DrainingConnectionError,
  NoRespondersError,
  RequestError,
  TimeoutError as NatsTimeoutError,
} from "@nats-io/transport-node";
import { JetStreamApiError, JetStreamError } from "@nats-io/jetstream";
import { ZodError } from "zod";

const natsUnavailableErrors = [
  NatsTimeoutError,
  NoRespondersError,
  ClosedConnectionError,
  ConnectionError,
  RequestError,
  DrainingConnectionError,
  // JetStream outages (a stream or KV leader being re-elected, "JetStream system temporarily
  // unavailable"): whatever a service could not absorb reaches the caller as retryable.
  JetStreamError,
  JetStreamApiError,
];

/**
 * The one place where an error of any kind becomes a ConnectError with the right code.
 * Validation errors become INVALID_ARGUMENT with zod's message; NATS outages UNAVAILABLE;
 * aborted work CANCELED or DEADLINE_EXCEEDED; anything unexpected INTERNAL with a generic
 * message and the original as `cause` (logged by the caller, never sent).
 */
export function toConnectError(error: unknown): ConnectError {
  if (error instanceof ConnectError) return error;
  if (error instanceof ZodError) {
    return new ConnectError(describeZodError(error), Code.InvalidArgument, undefined, undefined, error);
  }
  if (isNatsOutage(error)) {
    const message = `event bus unavailable: ${(error as Error).message}`;
    return new ConnectError(message, Code.Unavailable, undefined, undefined, error);
  }
  if (error instanceof Error && error.name === "TimeoutError") {
    return new ConnectError("deadline exceeded", Code.DeadlineExceeded, undefined, undefined, error);
  }
  if (error instanceof Error && error.name === "AbortError") {
    return new ConnectError("operation cancelled", Code.Canceled, undefined, undefined, error);
  }
  return new ConnectError("internal error", Code.Internal, undefined, undefined, error);
}

/**
 * A NATS or JetStream outage: one of the outage errors, or an error caused by one. The
 * JetStream client wraps "no responders" during a leader election as JetStreamNotEnabled, a
 * class the package does not export; its cause says what happened.
 */
function isNatsOutage(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth += 1) {
    if (natsUnavailableErrors.some((type) => current instanceof type)) return true;
  }
  return false;
}

/** Formats zod issues as `path: message; path: message`, which is what a caller needs to fix. */
export function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
}

/**
 * Server interceptor applying toConnectError to everything a handler throws (streams
 * included) and logging internal errors with their cause.
 */
export function createErrorInterceptor(logger: Logger): Interceptor {
  const map = (error: unknown, procedure: string): ConnectError => {
    const connectError = toConnectError(error);
    if (connectError.code === Code.Internal) {
      logger.error({ err: connectError.cause ?? connectError, procedure }, "unexpected error");
    }
    return connectError;
  };
  return (next) => async (request) => {
    const procedure = request.method.name;
    try {
      const response = await next(request);
      if (!response.stream) return response;
      return { ...response, message: mapStreamErrors(response, (error) => map(error, procedure)) };
    } catch (error) {
      throw map(error, procedure);
    }
  };
}

async function* mapStreamErrors<T>(response: { message: AsyncIterable<T> }, map: (error: unknown) => ConnectError): AsyncIterable<T> {
  try {
    yield* response.message;
  } catch (error) {
    throw map(error);
  }
}
