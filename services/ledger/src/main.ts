import { connectNats, createLogger, createServiceMetrics, runService, tracingSettings } from "@switchyard/runtime";
import { loadConfig } from "./config.js";
import { startLedgerNode } from "./ledger-node.js";
import { build } from "./server.js";

const config = loadConfig();
const logger = createLogger({ service: "ledger", level: config.env.LOG_LEVEL });

await runService(
  logger,
  async () => {
    const { env } = config;
    const nats = await connectNats({ servers: env.NATS_URL.split(","), name: "ledger", logger });
    const metrics = createServiceMetrics("ledger");
    const node = await startLedgerNode({
      registry: metrics.registry,
      connection: nats.connection,
      config: config.switchyard,
      logger,
      replicas: env.COST_STREAM_REPLICAS,
      meshToken: env.MESH_TOKEN,
      reservationTtl: { defaultSeconds: env.RESERVATION_TTL_SECONDS, maxSeconds: env.RESERVATION_MAX_TTL_SECONDS, leaseDefaultSeconds: env.LEASE_TTL_SECONDS },
      webhooks: { configured: config.webhooks, policy: config.webhookPolicy },
    });
    const running = await build({
      ...node.deps,
      logger,
      metrics,
      readinessChecks: [
        { name: "nats", check: () => nats.isConnected() },
        { name: "cost-replay", check: () => node.consumer.caughtUp() },
      ],
      readinessIntervalMs: env.READINESS_INTERVAL_MS,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    }).start({ host: env.HOST, port: env.PORT, metricsPort: env.METRICS_PORT });
    return [() => running.stop(), () => node.stop(), () => nats.drain()];
  },
  tracingSettings("ledger", config.env),
);
