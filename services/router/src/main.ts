import { configuredBudgetGate } from "./budget/configured-gate.js";
import { dashboardMount } from "./dashboard/dashboard-mount.js";
import { CriticService } from "@switchyard/contracts/switchyard/v1/critic_pb";
import { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import {
  connectNats,
  createLogger,
  createMeshTokenInterceptor,
  createPeerClient,
  createServiceMetrics,
  peerReadinessCheck,
  runService,
  tracingSettings,
} from "@switchyard/runtime";
import { loadModelPricing } from "@switchyard/pricing";
import { createNatsResponseCache } from "./cache/nats-response-cache.js";
import { loadConfig } from "./config.js";
import { createModelLoadSnapshot } from "./load/model-load-snapshot.js";
import { createJetStreamRecords } from "./records/jetstream-records.js";
import { build } from "./server.js";
import { createKeyDirectory } from "./tenant-auth.js";

const config = loadConfig();
const logger = createLogger({ service: "router", level: config.env.LOG_LEVEL });

await runService(
  logger,
  async () => {
    const { env, switchyard } = config;
    const pricing = await loadModelPricing(switchyard);
    const mesh = env.MESH_TOKEN ? [createMeshTokenInterceptor(env.MESH_TOKEN)] : [];
    const nats = await connectNats({ servers: env.NATS_URL.split(","), name: "router", logger });
    const cache = await createNatsResponseCache(nats, {
      replicas: env.RESPONSE_CACHE_REPLICAS,
      defaultTtlSeconds: env.RESPONSE_CACHE_TTL_SECONDS,
      maxTtlSeconds: env.RESPONSE_CACHE_MAX_TTL_SECONDS,
      timeoutMs: env.RESPONSE_CACHE_TIMEOUT_MS,
      tenants: switchyard.tenants,
      logger,
    });
    const ledger = createPeerClient(LedgerService, env.LEDGER_URL, mesh);
    const budget = configuredBudgetGate(env, ledger, pricing, logger);
    const executor = createPeerClient(ExecutorService, env.EXECUTOR_URL, mesh);
    // One ListModels a second feeds least-loaded choice among equivalent models: no RPC per request.
    const load = createModelLoadSnapshot(executor, { intervalMs: env.MODEL_LOAD_REFRESH_MS, logger });
    const accountUrl = `http://${env.HOST === "0.0.0.0" ? "127.0.0.1" : env.HOST}:${env.PORT}`;
    const router = build({
      httpMounts: [dashboardMount(accountUrl)],
      executor,
      load,
      selector: createPeerClient(SelectorService, env.SELECTOR_URL, mesh),
      critic: createPeerClient(CriticService, env.CRITIC_URL, mesh),
      ledger,
      budget: budget.gate,
      access: { models: switchyard.models, tenants: switchyard.tenants, providers: switchyard.providers },
      pricing,
      routing: switchyard.routing,
      keys: createKeyDirectory(switchyard.tenants, switchyard.devTenant),
      maxPromptChars: env.MAX_PROMPT_CHARS,
      logger,
      cache,
      publishRecord: createJetStreamRecords(nats.connection, env.RESPONSE_CACHE_TIMEOUT_MS),
      metrics: createServiceMetrics("router"),
      readinessChecks: [
        peerReadinessCheck("selector", env.SELECTOR_URL),
        peerReadinessCheck("executor", env.EXECUTOR_URL),
        peerReadinessCheck("critic", env.CRITIC_URL),
        peerReadinessCheck("ledger", env.LEDGER_URL),
      ],
      readinessIntervalMs: env.READINESS_INTERVAL_MS,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
      cors: { allowedOrigins: env.CORS_ALLOWED_ORIGINS },
      httpMaxBodyBytes: env.HTTP_MAX_BODY_BYTES,
    });
    const running = await router.start({ host: env.HOST, port: env.PORT, metricsPort: env.METRICS_PORT });
    const door = env.HTTP_PORT >= 0 ? await router.startHttpDoor({ host: env.HOST, port: env.HTTP_PORT }) : undefined;
    if (switchyard.devTenant) logger.warn({ devTenant: switchyard.devTenant }, "dev mode: calls without credentials act as the dev tenant");
    const stopDoor = async (): Promise<void> => {
      if (!door) return;
      const cut = setTimeout(() => door.destroyConnections(), env.SHUTDOWN_GRACE_MS);
      await door.close();
      clearTimeout(cut);
    };
    // Leases go back once the server has drained: what its requests billed stays held until settled.
    return [stopDoor, () => running.stop(), budget.stop, () => load.close(), () => nats.drain()];
  },
  tracingSettings("router", config.env),
);
