import type { Interceptor, StreamRequest, StreamResponse, UnaryRequest, UnaryResponse } from "@connectrpc/connect";
import type { Context, Span, Tracer } from "@opentelemetry/api";
import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { ATTR_RPC_METHOD, ATTR_RPC_SYSTEM_NAME } from "@opentelemetry/semantic-conventions";
import { headerGetter, headerSetter } from "./header-carrier.js";
import { endRpcSpan, endRpcSpanWithError, traceStream } from "./span-ends.js";

/** The instrumentation scope of every Switchyard span. */
export const tracerName = "switchyard";

/** Calls that make no span: probes and tooling, not requests. */
const untracedServices = new Set(["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"]);

function tracer(): Tracer {
  return trace.getTracer(tracerName);
}

/**
 * Server interceptor, outermost on every service's port: continues the caller's trace from its
 * W3C `traceparent` header (or starts one) with a SERVER span named after the RPC, active for
 * the handler and for every step of a streamed response. Health and reflection are not traced.
 */
export function createServerTracingInterceptor(): Interceptor {
  return (next) => (request) => {
    if (untracedServices.has(request.service.typeName)) return next(request);
    const parent = propagation.extract(ROOT_CONTEXT, request.header, headerGetter);
    const span = tracer().startSpan(rpcName(request), { kind: SpanKind.SERVER, attributes: rpcAttributes(request) }, parent);
    return traced(next, request, span, trace.setSpan(parent, span));
  };
}

/**
 * Client interceptor, on every peer transport: a CLIENT span per call to another service, whose
 * context goes out in `traceparent`, so the callee's SERVER span is its child.
 */
export function createClientTracingInterceptor(): Interceptor {
  return (next) => (request) => {
    const parent = context.active();
    const span = tracer().startSpan(rpcName(request), { kind: SpanKind.CLIENT, attributes: rpcAttributes(request) }, parent);
    const active = trace.setSpan(parent, span);
    propagation.inject(active, request.header, headerSetter);
    return traced(next, request, span, active);
  };
}

type AnyRequest = UnaryRequest | StreamRequest;
type AnyResponse = UnaryResponse | StreamResponse;

async function traced(next: (request: AnyRequest) => Promise<AnyResponse>, request: AnyRequest, span: Span, active: Context): Promise<AnyResponse> {
  try {
    const response = await context.with(active, () => next(request));
    if (!response.stream) {
      endRpcSpan(span);
      return response;
    }
    return { ...response, message: traceStream(response.message, active, span) };
  } catch (error) {
    endRpcSpanWithError(span, error);
    throw error;
  }
}

function rpcName(request: AnyRequest): string {
  return `${request.service.typeName}/${request.method.name}`;
}

function rpcAttributes(request: AnyRequest): Record<string, string> {
  return { [ATTR_RPC_SYSTEM_NAME]: "connectrpc", [ATTR_RPC_METHOD]: rpcName(request) };
}
