import { createLogger, createServiceMetrics, runService } from "@switchyard/runtime";
import { loadConfig } from "./config.js";
import { build } from "./server.js";

const config = loadConfig(process.env);
const logger = createLogger({ service: "selector", level: config.env.LOG_LEVEL });

await runService(logger, async () => {
  const { env } = config;
  const running = await build({
    logger,
    metrics: createServiceMetrics("selector"),
    // Scoring is in-process and needs no peer: the selector is ready once it serves.
    readinessChecks: [],
    readinessIntervalMs: env.READINESS_INTERVAL_MS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
  }).start({ host: env.HOST, port: env.PORT, metricsPort: env.METRICS_PORT });
  return [() => running.stop()];
});
