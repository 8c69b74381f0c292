import { commonEnvSchema, loadSwitchyardConfig, parseEnv, requireMeshTokenInProduction, peerTargetSchema } from "@switchyard/runtime";
import type { ResolvedSwitchyardConfig } from "@switchyard/runtime";
import { z } from "zod";

const positiveInt = z.coerce.number().int().positive();

const envSchema = commonEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(50054),
  METRICS_PORT: z.coerce.number().int().min(-1).max(65535).default(9094),
  EXECUTOR_URL: peerTargetSchema.default("http://127.0.0.1:50053"),
  SELECTOR_URL: peerTargetSchema.default("http://127.0.0.1:50052"),
  /** Deadline of a Critique or Judge call when the caller sets none (and the longest allowed). */
  CRITIC_TIMEOUT_MS: positiveInt.default(30_000),
  /** Kept back from the caller's deadline (at most a quarter of it) so partial results reach the caller in time. */
  CRITIC_RESPONSE_MARGIN_MS: z.coerce.number().int().nonnegative().default(250),
  CRITIC_MAX_CRITICS: positiveInt.default(16),
  CRITIC_MAX_CANDIDATES: positiveInt.default(16),
  /** Output token cap of each critique or judgment (the JSON object is short). */
  CRITIC_MAX_OUTPUT_TOKENS: positiveInt.default(512),
  /** Largest input accepted, in characters: the conversation plus the answer or candidates. */
  MAX_PROMPT_CHARS: positiveInt.default(400_000),
  /** Feedback to the selector is best-effort: each call gets this long ... */
  FEEDBACK_TIMEOUT_MS: positiveInt.default(2_000),
  /** ... and at most this many are in flight; more are dropped (and counted). */
  FEEDBACK_MAX_IN_FLIGHT: positiveInt.default(64),
});

/** The critic's settings: its environment and the shared configuration file. */
export interface CriticConfig {
  readonly env: z.infer<typeof envSchema>;
  readonly switchyard: ResolvedSwitchyardConfig;
}

/** Parses the environment and the configuration file once, at start-up. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): CriticConfig {
  const parsed = parseEnv(envSchema, env);
  const switchyard = loadSwitchyardConfig(parsed.SWITCHYARD_CONFIG, env, { providerKeys: "unused" });
  requireMeshTokenInProduction(parsed.MESH_TOKEN, switchyard.devTenant);
  return { env: parsed, switchyard };
}
