import { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import {
  createLogger,
  createMeshTokenInterceptor,
  createPeerClient,
  createServiceMetrics,
  peerReadinessCheck,
  runService,
  tracingSettings,
} from "@switchyard/runtime";
import { loadConfig } from "./config.js";
import { createSelectorFeedback } from "./selector-feedback.js";
import { build } from "./server.js";

const config = loadConfig();
const logger = createLogger({ service: "critic", level: config.env.LOG_LEVEL });

await runService(
  logger,
  async () => {
    const { env, switchyard } = config;
    const mesh = env.MESH_TOKEN ? [createMeshTokenInterceptor(env.MESH_TOKEN)] : [];
    const feedback = createSelectorFeedback(createPeerClient(SelectorService, env.SELECTOR_URL, mesh), {
      timeoutMs: env.FEEDBACK_TIMEOUT_MS,
      maxInFlight: env.FEEDBACK_MAX_IN_FLIGHT,
      logger,
    });
    const running = await build({
      executor: createPeerClient(ExecutorService, env.EXECUTOR_URL, mesh),
      feedback,
      catalog: { models: new Set(Object.keys(switchyard.models)), tenants: switchyard.tenants },
      limits: {
        timeoutMs: env.CRITIC_TIMEOUT_MS,
        responseMarginMs: env.CRITIC_RESPONSE_MARGIN_MS,
        maxCritics: env.CRITIC_MAX_CRITICS,
        maxCandidates: env.CRITIC_MAX_CANDIDATES,
        maxOutputTokens: env.CRITIC_MAX_OUTPUT_TOKENS,
        maxPromptChars: env.MAX_PROMPT_CHARS,
      },
      logger,
      metrics: createServiceMetrics("critic"),
      // The selector is not a readiness dependency: feedback is best-effort.
      readinessChecks: [peerReadinessCheck("executor", env.EXECUTOR_URL)],
      readinessIntervalMs: env.READINESS_INTERVAL_MS,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
      meshToken: env.MESH_TOKEN,
    }).start({ host: env.HOST, port: env.PORT, metricsPort: env.METRICS_PORT });
    return [() => running.stop(), () => feedback.idle()];
  },
  tracingSettings("critic", config.env),
);
