import { connectNats, createLogger, createServiceMetrics, ensureCostStream, runService } from "@switchyard/runtime";
import { loadConfig } from "./config.js";
import { startCostConsumer } from "./cost-consumer.js";
import { build } from "./server.js";
import { SpendBook } from "./spend-book.js";

const config = loadConfig(process.env);
const logger = createLogger({ service: "ledger", level: config.env.LOG_LEVEL });

await runService(logger, async () => {
  const nats = await connectNats({ servers: config.env.NATS_URL.split(","), name: "ledger", logger });
  await ensureCostStream(nats.connection, { replicas: config.env.COST_STREAM_REPLICAS, duplicateWindowMs: 10 * 60_000 });
  const book = new SpendBook();
  const consumer = await startCostConsumer(nats.connection, (event) => book.apply(event), logger);
  const running = await build({
    book,
    devTenant: config.switchyard.devTenant,
    logger,
    metrics: createServiceMetrics("ledger"),
    readinessChecks: [{ name: "nats", check: () => nats.isConnected() }],
    readinessIntervalMs: config.env.READINESS_INTERVAL_MS,
    shutdownGraceMs: config.env.SHUTDOWN_GRACE_MS,
  }).start({ host: config.env.HOST, port: config.env.PORT, metricsPort: config.env.METRICS_PORT });
  return [() => running.stop(), () => consumer.stop(), () => nats.drain()];
});
