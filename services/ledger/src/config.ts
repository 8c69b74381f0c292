import { commonEnvSchema, loadSwitchyardConfig, meshTokenEnv, parseEnv } from "@switchyard/runtime";
import type { ResolvedSwitchyardConfig } from "@switchyard/runtime";
import { z } from "zod";

const envSchema = commonEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(50055),
  METRICS_PORT: z.coerce.number().int().min(-1).max(65535).default(9095),
  NATS_URL: z.string().default("nats://127.0.0.1:4222"),
  /** Replicas of the COSTS and ALERTS streams and the accounts bucket: 3 on a NATS cluster. */
  COST_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** Lifetime of a reservation whose Reserve names none. */
  RESERVATION_TTL_SECONDS: z.coerce.number().int().positive().default(300),
  /** Lifetime of a budget lease whose AcquireLease or RenewLease names none. */
  LEASE_TTL_SECONDS: z.coerce.number().int().positive().default(30),
  /** Longest lifetime a Reserve or a lease may ask for. */
  RESERVATION_MAX_TTL_SECONDS: z.coerce.number().int().positive().default(3_600),
  /** Shared secret of the mesh; when set, x-switchyard-tenant is believed only with it. */
  MESH_TOKEN: meshTokenEnv,
});

/** The ledger's settings: its environment and the shared configuration file. */
export interface LedgerConfig {
  readonly env: z.infer<typeof envSchema>;
  readonly switchyard: ResolvedSwitchyardConfig;
}

/** Parses the environment and the configuration file once, at start-up. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): LedgerConfig {
  const parsed = parseEnv(envSchema, env);
  return { env: parsed, switchyard: loadSwitchyardConfig(parsed.SWITCHYARD_CONFIG, env, { providerKeys: "unused" }) };
}
