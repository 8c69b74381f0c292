import { ledgerReservations } from "./budget/ledger-reservations.js";
import { CriticService } from "@switchyard/contracts/switchyard/v1/critic_pb";
import { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { createLogger, createMeshTokenInterceptor, createPeerClient, createServiceMetrics, peerReadinessCheck, runService } from "@switchyard/runtime";
import { loadModelPricing } from "@switchyard/pricing";
import { loadConfig } from "./config.js";
import { build } from "./server.js";
import { createKeyDirectory } from "./tenant-auth.js";

const config = loadConfig();
const logger = createLogger({ service: "router", level: config.env.LOG_LEVEL });

await runService(logger, async () => {
  const { env, switchyard } = config;
  const pricing = await loadModelPricing(switchyard);
  const mesh = env.MESH_TOKEN ? [createMeshTokenInterceptor(env.MESH_TOKEN)] : [];
  const running = await build({
    executor: createPeerClient(ExecutorService, env.EXECUTOR_URL, mesh),
    selector: createPeerClient(SelectorService, env.SELECTOR_URL, mesh),
    critic: createPeerClient(CriticService, env.CRITIC_URL, mesh),
    ledger: createPeerClient(LedgerService, env.LEDGER_URL, mesh),
    budget: ledgerReservations,
    access: { models: switchyard.models, tenants: switchyard.tenants, providers: switchyard.providers },
    pricing,
    routing: switchyard.routing,
    keys: createKeyDirectory(switchyard.tenants, switchyard.devTenant),
    maxPromptChars: env.MAX_PROMPT_CHARS,
    logger,
    metrics: createServiceMetrics("router"),
    readinessChecks: [
      peerReadinessCheck("selector", env.SELECTOR_URL),
      peerReadinessCheck("executor", env.EXECUTOR_URL),
      peerReadinessCheck("critic", env.CRITIC_URL),
      peerReadinessCheck("ledger", env.LEDGER_URL),
    ],
    readinessIntervalMs: env.READINESS_INTERVAL_MS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
  }).start({ host: env.HOST, port: env.PORT, metricsPort: env.METRICS_PORT });
  if (switchyard.devTenant) logger.warn({ devTenant: switchyard.devTenant }, "dev mode: calls without credentials act as the dev tenant");
  return [() => running.stop()];
});
