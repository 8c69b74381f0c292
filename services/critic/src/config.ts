import { commonEnvSchema, loadSwitchyardConfig, parseEnv, peerTargetSchema } from "@switchyard/runtime";
import type { ResolvedSwitchyardConfig } from "@switchyard/runtime";
import { z } from "zod";

const envSchema = commonEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(50054),
  METRICS_PORT: z.coerce.number().int().min(-1).max(65535).default(9094),
  EXECUTOR_URL: peerTargetSchema.default("http://127.0.0.1:50053"),
});

/** The critic's settings: its environment and the shared configuration file. */
export interface CriticConfig {
  readonly env: z.infer<typeof envSchema>;
  readonly switchyard: ResolvedSwitchyardConfig;
}

/** Parses the environment and the configuration file once, at start-up. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): CriticConfig {
  const parsed = parseEnv(envSchema, env);
  return { env: parsed, switchyard: loadSwitchyardConfig(parsed.SWITCHYARD_CONFIG, env, { providerKeys: "unused" }) };
}
