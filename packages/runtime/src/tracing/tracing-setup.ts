import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";

/** Where and how a service exports its spans; parsed from the environment by `tracingSettings`. */
export interface TracingSettings {
  /** The service's name in every span's resource (`service.name`). */
  readonly serviceName: string;
  /** Full OTLP/HTTP traces URL (e.g. http://collector:4318/v1/traces); undefined: no tracing. */
  readonly tracesUrl: string | undefined;
  /** Longest a finished span waits in the batch before it is sent. */
  readonly scheduleDelayMs: number;
}

/** Tracing as main.ts sees it: on or off, and a stop that sends what is left. */
export interface Tracing {
  readonly enabled: boolean;
  /** Exports the spans still batched and stops; safe to call when tracing is off. */
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry SDK for this process when a traces URL is set: a Node tracer
 * provider (AsyncLocalStorage context, W3C trace-context propagation) exporting batches of spans
 * as OTLP/HTTP JSON. With no URL nothing is registered, so the API's no-op tracer makes every
 * span free and nothing leaves the process.
 */
export function startTracing(settings: TracingSettings): Tracing {
  if (!settings.tracesUrl) return { enabled: false, shutdown: () => Promise.resolve() };
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }), { scheduledDelayMillis: settings.scheduleDelayMs })],
  });
  provider.register();
  return { enabled: true, shutdown: () => provider.shutdown() };
}
