import type { Attributes, Span } from "@opentelemetry/api";
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { tracerName } from "./rpc-tracing.js";

/** What kind of work a service span stands for (OTel span kinds, by name). */
export type ServiceSpanKind = "internal" | "client" | "consumer";

/** Options of `inSpan`. */
export interface ServiceSpanOptions {
  readonly kind: ServiceSpanKind;
  readonly attributes?: Attributes;
  /**
   * A W3C traceparent the work continues (a cost event's, read from NATS); absent: the span
   * is a child of the active one.
   */
  readonly traceparent?: string;
}

const spanKinds = { internal: SpanKind.INTERNAL, client: SpanKind.CLIENT, consumer: SpanKind.CONSUMER } as const;

/**
 * Runs `body` in a new active span and ends it when `body` settles; a throw marks the span as an
 * error (its type only: messages may quote a provider, never a prompt, but stay out anyway).
 * With tracing off the span is the API's no-op span and this costs next to nothing.
 */
export function inSpan<T>(name: string, options: ServiceSpanOptions, body: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent: options.traceparent }) : context.active();
  return trace
    .getTracer(tracerName)
    .startActiveSpan(name, { kind: spanKinds[options.kind], ...(options.attributes ? { attributes: options.attributes } : {}) }, parent, async (span) => {
      try {
        return await body(span);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "error" });
        throw error;
      } finally {
        span.end();
      }
    });
}

/** Marks a span as failed with an error type only (never a message that could quote content). */
export function markSpanFailed(span: Span, errorType: string): void {
  span.setAttribute("error.type", errorType);
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
}

/**
 * The W3C traceparent of the active span, to carry the trace over a hop that is not an RPC (a
 * cost event on NATS); empty when no span is recording (tracing off).
 */
export function activeTraceparent(): string {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier["traceparent"] ?? "";
}

/** The active span's W3C ids when tracing is on, for the request context and its logs. */
export function activeSpanIds(): { traceId: string; spanId: string; sampled: boolean } | undefined {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return undefined;
  const ids = span.spanContext();
  return { traceId: ids.traceId, spanId: ids.spanId, sampled: (ids.traceFlags & 1) === 1 };
}
