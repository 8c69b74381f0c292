import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { Interceptor, UnaryRequest, StreamRequest, UnaryResponse, StreamResponse } from "@connectrpc/connect";
import { continueTrace, formatTraceparent, parseTraceparent } from "./trace-context.js";
import { activeSpanIds } from "./tracing/service-spans.js";
import type { TraceContext } from "./trace-context.js";

/** Metadata keys that carry request identity between Switchyard services. */
export const requestHeaders = {
  requestId: "x-request-id",
  traceparent: "traceparent",
  tenant: "x-switchyard-tenant",
  apiKeyId: "x-switchyard-api-key-id",
} as const;

/** Who and what a call is for; lives for the duration of one incoming RPC. */
export interface RequestContext {
  readonly requestId: string;
  readonly trace: TraceContext;
  /** The caller's tenant once authenticated (see caller-auth.ts); a new context, never mutated. */
  readonly tenant: string | undefined;
  readonly apiKeyId: string | undefined;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the RPC being served, if any. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs `body` with `context` as the current request context (tests, background work). */
export function runWithRequestContext<T>(context: RequestContext, body: () => T): T {
  return storage.run(context, body);
}

/**
 * Builds a request context from incoming metadata, creating ids the caller did not send. With
 * tracing on, the trace is the server span's (see rpc-tracing.ts), so logs, responses and
 * exported spans name one trace id.
 */
export function requestContextFromHeaders(headers: Headers): RequestContext {
  const requestId = headers.get(requestHeaders.requestId)?.slice(0, 128) || randomUUID();
  return {
    requestId,
    trace: activeSpanIds() ?? continueTrace(parseTraceparent(headers.get(requestHeaders.traceparent))),
    tenant: headers.get(requestHeaders.tenant) ?? undefined,
    apiKeyId: headers.get(requestHeaders.apiKeyId) ?? undefined,
  };
}

/**
 * Server interceptor: makes the request context current for the handler (and everything it
 * awaits), and echoes the request id and trace in the response headers.
 */
export function createRequestContextInterceptor(): Interceptor {
  return (next) => async (request) => {
    const context = requestContextFromHeaders(request.header);
    const response = await serveInContext(context, next, request);
    response.header.set(requestHeaders.requestId, context.requestId);
    response.header.set(requestHeaders.traceparent, formatTraceparent(context.trace));
    return response;
  };
}

type AnyRequest = UnaryRequest | StreamRequest;
type AnyResponse = UnaryResponse | StreamResponse;

/**
 * Serves one call (`next(request)`) with `context` current, for the handler and for every step
 * of a streamed response (interceptors use it to narrow the context, e.g. to the caller).
 */
export function serveInContext(context: RequestContext, next: (request: AnyRequest) => Promise<AnyResponse>, request: AnyRequest): Promise<AnyResponse> {
  return storage.run(context, async () => {
    const response = await next(request);
    if (!response.stream) return response;
    return { ...response, message: bindToContext(response.message, context) };
  });
}

/**
 * Client interceptor: passes the current request id, trace and tenant on to the next hop, so
 * that one request is one trace and one id across every service.
 */
export function createContextPropagationInterceptor(): Interceptor {
  return (next) => (request) => {
    const context = storage.getStore();
    if (context) {
      setIfAbsent(request.header, requestHeaders.requestId, context.requestId);
      setIfAbsent(request.header, requestHeaders.traceparent, formatTraceparent(context.trace));
      if (context.tenant) setIfAbsent(request.header, requestHeaders.tenant, context.tenant);
      if (context.apiKeyId) setIfAbsent(request.header, requestHeaders.apiKeyId, context.apiKeyId);
    }
    return next(request);
  };
}

function setIfAbsent(headers: Headers, name: string, value: string): void {
  if (!headers.has(name)) headers.set(name, value);
}

/**
 * A streamed response is iterated by connect after the interceptor has returned, so each step
 * of the handler's generator is resumed inside the request context explicitly.
 */
async function* bindToContext<T>(messages: AsyncIterable<T>, context: RequestContext): AsyncIterable<T> {
  const iterator = messages[Symbol.asyncIterator]();
  try {
    for (;;) {
      const step = await storage.run(context, () => iterator.next());
      if (step.done) return;
      yield step.value;
    }
  } finally {
    await iterator.return?.();
  }
}
