import { randomUUID } from "node:crypto";
import { jetstream } from "@nats-io/jetstream";
import { connectNats, createLogger, createServiceMetrics, ensureCostStream, runService } from "@switchyard/runtime";
import { loadConfig } from "./config.js";
import { createJetStreamCostSink } from "./cost-events.js";
import { createDeployments } from "./model-deployments.js";
import { build } from "./server.js";

const config = loadConfig(process.env);
const logger = createLogger({ service: "executor", level: config.env.LOG_LEVEL });

await runService(logger, async () => {
  const deployments = createDeployments(config.switchyard, config.providers);
  const nats = await connectNats({ servers: config.env.NATS_URL.split(","), name: `executor-${config.env.EXECUTOR_INSTANCE}`, logger });
  await ensureCostStream(nats.connection, { replicas: config.env.COST_STREAM_REPLICAS, duplicateWindowMs: 10 * 60_000 });
  const running = await build({
    deployments,
    costs: createJetStreamCostSink(jetstream(nats.connection)),
    logger,
    devTenant: config.switchyard.devTenant,
    maxPromptChars: config.env.MAX_PROMPT_CHARS,
    newId: randomUUID,
    now: () => new Date(),
    metrics: createServiceMetrics("executor"),
    readinessChecks: [{ name: "nats", check: () => nats.isConnected() }],
    readinessIntervalMs: config.env.READINESS_INTERVAL_MS,
    shutdownGraceMs: config.env.SHUTDOWN_GRACE_MS,
  }).start({ host: config.env.HOST, port: config.env.PORT, metricsPort: config.env.METRICS_PORT });
  logger.info({ models: [...deployments.keys()], providers: config.providers }, "executor ready");
  return [() => running.stop(), () => nats.drain()];
});
