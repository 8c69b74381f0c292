import { loadModelPricing } from "@switchyard/pricing";
import { createLogger, createServiceMetrics, runService, tracingSettings } from "@switchyard/runtime";
import { loadConfig } from "./config.js";
import { FeedbackStore } from "./feedback/feedback-store.js";
import { loadAnswerScorer } from "./answer/answer-artifact.js";
import { loadArtifact } from "./model/artifact-store.js";
import { profilesFromConfig } from "./model/config-profiles.js";
import { SelectorModel } from "./model/selector-model.js";
import { build } from "./server.js";

const config = loadConfig();
const logger = createLogger({ service: "selector", level: config.env.LOG_LEVEL });

await runService(
  logger,
  async () => {
    const { env, switchyard } = config;
    const pricing = await loadModelPricing(switchyard);
    const model = new SelectorModel(
      loadArtifact(env.SELECTOR_ARTIFACT_DIR),
      profilesFromConfig(switchyard.models, (name) => pricing.price(name)),
    );
    logger.info({ selectorVersion: model.version, artifact: env.SELECTOR_ARTIFACT_DIR }, "selector artifact loaded");
    const running = await build({
      logger,
      metrics: createServiceMetrics("selector"),
      model,
      feedback: new FeedbackStore(env.SELECTOR_STATE_DIR),
      answers: loadAnswerScorer(env.SELECTOR_ARTIFACT_DIR),
      configuredModels: Object.keys(switchyard.models),
      maxPromptChars: env.MAX_PROMPT_CHARS,
      // Scoring is in-process and needs no peer: the selector is ready once it serves.
      readinessChecks: [],
      readinessIntervalMs: env.READINESS_INTERVAL_MS,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
      meshToken: env.MESH_TOKEN,
    }).start({ host: env.HOST, port: env.PORT, metricsPort: env.METRICS_PORT });
    return [() => running.stop()];
  },
  tracingSettings("selector", config.env),
);
