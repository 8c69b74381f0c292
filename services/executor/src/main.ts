import { randomUUID } from "node:crypto";
import { jetstream } from "@nats-io/jetstream";
import { loadModelPricing } from "@switchyard/pricing";
import { connectNats, createLogger, createServiceMetrics, ensureCostStream, runService, tracingSettings } from "@switchyard/runtime";
import { loadConfig } from "./config.js";
import { createNatsCoordination } from "./coordination/create-coordination.js";
import { createJetStreamPublisher } from "./costs/cost-event-sink.js";
import { openCostOutbox } from "./costs/cost-outbox.js";
import { createDeployments } from "./model-deployments.js";
import { checkOllamaPulls, leaveOutUnpulled } from "./providers/ollama/ollama-pull-check.js";
import { createServedModels } from "./served-model.js";
import { build } from "./server.js";

const config = loadConfig();
const logger = createLogger({ service: "executor", level: config.env.LOG_LEVEL });

await runService(
  logger,
  async () => {
    const { env } = config;
    // Refuses to start if any model has no known price (catalog or config).
    const pricing = await loadModelPricing(config.switchyard);
    const deployments = createDeployments(config.switchyard, config.providers, pricing);
    // A configured Ollama model that is not pulled is left out with the command that fixes it.
    leaveOutUnpulled(await checkOllamaPulls(config.switchyard.providers, deployments), deployments, logger);
    const nats = await connectNats({ servers: env.NATS_URL.split(","), name: `executor-${env.EXECUTOR_INSTANCE}`, logger });
    await ensureCostStream(nats.connection, { replicas: env.COST_STREAM_REPLICAS, duplicateWindowMs: 10 * 60_000 });
    const coordination = await createNatsCoordination(nats.connection, {
      instance: env.EXECUTOR_INSTANCE,
      models: [...deployments.keys()],
      logger,
      timeoutMs: env.NATS_OPERATION_TIMEOUT_MS,
      concurrencyLeaseTtlMs: env.CONCURRENCY_LEASE_TTL_MS,
      replicas: env.COST_STREAM_REPLICAS,
      isConnected: () => nats.isConnected(),
    });
    const outbox = openCostOutbox({
      directory: config.outboxDirectory,
      maxEvents: env.COST_OUTBOX_MAX_EVENTS,
      publisher: createJetStreamPublisher(jetstream(nats.connection), () => nats.isConnected(), env.NATS_OPERATION_TIMEOUT_MS),
      logger,
    });
    const models = createServedModels(deployments, coordination, Date.now, logger);
    const running = await build({
      models,
      costs: outbox,
      policy: config.switchyard.executor,
      logger,
      devTenant: config.switchyard.devTenant,
      maxPromptChars: env.MAX_PROMPT_CHARS,
      newId: randomUUID,
      now: () => new Date(),
      random: Math.random,
      metrics: createServiceMetrics("executor"),
      // Not NATS itself: while NATS is away calls go on and their costs wait in the outbox; the
      // executor is unready only once the outbox is full and it refuses calls.
      readinessChecks: [{ name: "cost-outbox", check: () => !outbox.full }],
      readinessIntervalMs: env.READINESS_INTERVAL_MS,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
      meshToken: env.MESH_TOKEN,
    }).start({ host: env.HOST, port: env.PORT, metricsPort: env.METRICS_PORT });
    logger.info(
      { models: [...deployments.keys()], providers: config.providers, outbox: config.outboxDirectory, pendingCostEvents: outbox.pending },
      "executor ready",
    );
    return [
      () => running.stop(),
      // Deliver what NATS will take within the grace period; the rest waits on disk for the next start.
      async () => {
        await outbox.flush(env.SHUTDOWN_GRACE_MS);
        await outbox.close();
      },
      // Rate leases and concurrency slots this replica holds go back to the other replicas.
      async () => void (await Promise.all([...models.values()].flatMap(({ guards }) => [guards.rate.close(), guards.gate.close()]))),
      () => coordination.close(),
      () => nats.drain(),
    ];
  },
  tracingSettings("executor", config.env),
);
