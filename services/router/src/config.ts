import { commonEnvSchema, loadSwitchyardConfig, parseEnv, requireMeshTokenInProduction, peerTargetSchema } from "@switchyard/runtime";
import type { ResolvedSwitchyardConfig } from "@switchyard/runtime";
import { z } from "zod";

const envSchema = commonEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(50051),
  METRICS_PORT: z.coerce.number().int().min(-1).max(65535).default(9091),
  SELECTOR_URL: peerTargetSchema.default("http://127.0.0.1:50052"),
  EXECUTOR_URL: peerTargetSchema.default("http://127.0.0.1:50053"),
  CRITIC_URL: peerTargetSchema.default("http://127.0.0.1:50054"),
  LEDGER_URL: peerTargetSchema.default("http://127.0.0.1:50055"),
  /** Largest prompt accepted, in characters over all messages. */
  MAX_PROMPT_CHARS: z.coerce.number().int().positive().default(400_000),
});

/** The router's settings: its environment and the shared configuration file. */
export interface RouterConfig {
  readonly env: z.infer<typeof envSchema>;
  readonly switchyard: ResolvedSwitchyardConfig;
}

/** Parses the environment and the configuration file once, at start-up. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): RouterConfig {
  const parsed = parseEnv(envSchema, env);
  const switchyard = loadSwitchyardConfig(parsed.SWITCHYARD_CONFIG, env, { providerKeys: "unused" });
  requireMeshTokenInProduction(parsed.MESH_TOKEN, switchyard.devTenant);
  return { env: parsed, switchyard };
}
