import { z } from "zod";
import type { TracingSettings } from "./tracing-setup.js";

/**
 * The standard OpenTelemetry variables a service reads for its traces (part of every service's
 * environment schema): OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is the full traces URL,
 * OTEL_EXPORTER_OTLP_ENDPOINT a base URL that gets `/v1/traces`; neither set: no tracing.
 */
export const tracingEnvSchema = z.object({
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: "an http(s) URL such as http://collector:4318" }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/, error: "an http(s) URL such as http://collector:4318/v1/traces" }).optional(),
  /** How long a finished span may wait in the export batch (the SDK's default is 5 s). */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().positive().default(5_000),
});

/** The tracing variables as parsed by `tracingEnvSchema`. */
export type TracingEnv = z.infer<typeof tracingEnvSchema>;

/** A service's tracing settings from its parsed environment. */
export function tracingSettings(serviceName: string, env: TracingEnv): TracingSettings {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, "");
  return {
    serviceName,
    tracesUrl: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base}/v1/traces` : undefined),
    scheduleDelayMs: env.OTEL_BSP_SCHEDULE_DELAY,
  };
}
