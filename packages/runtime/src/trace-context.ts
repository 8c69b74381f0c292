import { randomBytes } from "node:crypto";

/** A W3C trace context (https://www.w3.org/TR/trace-context/), as carried in `traceparent`. */
export interface TraceContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly sampled: boolean;
}

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const zeroTraceId = "0".repeat(32);
const zeroSpanId = "0".repeat(16);

/** Parses a `traceparent` header; returns undefined for anything malformed, as the spec asks. */
export function parseTraceparent(header: string | null | undefined): TraceContext | undefined {
  const match = header ? traceparentPattern.exec(header.trim().toLowerCase()) : null;
  if (!match) return undefined;
  const [, traceId = "", spanId = "", flags = "00"] = match;
  if (traceId === zeroTraceId || spanId === zeroSpanId) return undefined;
  return { traceId, spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}

/** Formats a trace context as a `traceparent` header value. */
export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.sampled ? "01" : "00"}`;
}

/**
 * Starts this hop's span: same trace as the caller's (or a new trace when there is none), new
 * span id. Every service does this once per incoming call so traces join up across hops.
 */
export function continueTrace(parent: TraceContext | undefined): TraceContext {
  return {
    traceId: parent?.traceId ?? randomBytes(16).toString("hex"),
    spanId: randomBytes(8).toString("hex"),
    sampled: parent?.sampled ?? true,
  };
}
