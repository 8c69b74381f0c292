import { describe, expect, it } from "vitest";
import { parseEnv } from "../env-config.js";
import { tracingEnvSchema, tracingSettings } from "./tracing-env.js";
import { startTracing } from "./tracing-setup.js";

describe("tracingSettings", () => {
  it("sends to <endpoint>/v1/traces, or to the traces endpoint as given, and nowhere when neither is set", () => {
    expect(tracingSettings("router", parseEnv(tracingEnvSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" })).tracesUrl).toBe(
      "http://collector:4318/v1/traces",
    );
    const both = parseEnv(tracingEnvSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://b:4318/custom" });
    expect(tracingSettings("router", both).tracesUrl).toBe("http://b:4318/custom");
    const none = tracingSettings("router", parseEnv(tracingEnvSchema, {}));
    expect(none).toEqual({ serviceName: "router", tracesUrl: undefined, scheduleDelayMs: 5_000 });
    expect(startTracing(none).enabled).toBe(false);
  });

  it("refuses an endpoint that is not a URL, naming the variable", () => {
    expect(() => parseEnv(tracingEnvSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318 please" })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
