import { createLogger, createServiceMetrics, peerReadinessCheck, runService } from "@switchyard/runtime";
import { loadConfig } from "./config.js";
import { build } from "./server.js";

const config = loadConfig(process.env);
const logger = createLogger({ service: "critic", level: config.env.LOG_LEVEL });

await runService(logger, async () => {
  const { env } = config;
  const running = await build({
    logger,
    metrics: createServiceMetrics("critic"),
    readinessChecks: [peerReadinessCheck("executor", env.EXECUTOR_URL)],
    readinessIntervalMs: env.READINESS_INTERVAL_MS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
  }).start({ host: env.HOST, port: env.PORT, metricsPort: env.METRICS_PORT });
  return [() => running.stop()];
});
