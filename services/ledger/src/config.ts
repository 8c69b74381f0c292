import { commonEnvSchema, loadSwitchyardConfig, parseEnv } from "@switchyard/runtime";
import type { ResolvedSwitchyardConfig } from "@switchyard/runtime";
import { z } from "zod";

const envSchema = commonEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(50055),
  METRICS_PORT: z.coerce.number().int().min(-1).max(65535).default(9095),
  NATS_URL: z.string().default("nats://127.0.0.1:4222"),
  COST_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
});

/** The ledger's settings: its environment and the shared configuration file. */
export interface LedgerConfig {
  readonly env: z.infer<typeof envSchema>;
  readonly switchyard: ResolvedSwitchyardConfig;
}

/** Parses the environment and the configuration file once, at start-up. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): LedgerConfig {
  const parsed = parseEnv(envSchema, env);
  return { env: parsed, switchyard: loadSwitchyardConfig(parsed.SWITCHYARD_CONFIG, env, { providerKeys: "unused" }) };
}
