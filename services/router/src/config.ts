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
  /** How often the executor's model states (calls in flight and queued) are read for least-loaded choice. */
  MODEL_LOAD_REFRESH_MS: z.coerce.number().int().min(100).default(1_000),
  /** Largest prompt accepted, in characters over all messages. */
  MAX_PROMPT_CHARS: z.coerce.number().int().positive().default(400_000),
  /** Port of the HTTP door (OpenAI and Anthropic APIs, HTTP/1.1 and h2c); -1 turns it off. */
  HTTP_PORT: z.coerce.number().int().min(-1).max(65535).default(8080),
  /** Largest HTTP door request body, in bytes (413 above). */
  HTTP_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** Browser origins allowed on the gRPC port (gRPC-Web, Connect), comma separated; empty: CORS off. */
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  /** NATS, for the response cache shared by replicas (JetStream KV) and its cache-hit cost events. */
  NATS_URL: z.string().default("nats://127.0.0.1:4222"),
  /** Replicas of the cache bucket: 3 on a NATS cluster, 1 on a single server. */
  RESPONSE_CACHE_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** TTL of a cached answer when neither the request nor the tenant sets one. */
  RESPONSE_CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(300),
  /** Longest TTL any request may ask for (the bucket's own entry age limit). */
  RESPONSE_CACHE_MAX_TTL_SECONDS: z.coerce.number().int().positive().default(86_400),
  /** How long a cache lookup or store may take before the request goes on without it. */
  RESPONSE_CACHE_TIMEOUT_MS: z.coerce.number().int().positive().default(500),
  /** "leases": per-replica budget leases spent locally (services/ledger/README.md); "reservations": a Reserve per request. */
  BUDGET_MODE: z.enum(["leases", "reservations"]).default("leases"),
  /** A lease grows by at least this much (nano-USD) ahead of need. */
  BUDGET_LEASE_SLICE_NANO_USD: z.coerce.bigint().positive().default(50_000_000n),
  BUDGET_LEASE_TTL_SECONDS: z.coerce.number().int().min(2).default(30),
  /** A lease unused this long, with nothing in flight, goes back to the ledger. */
  BUDGET_LEASE_IDLE_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * Most that the calibrated holds of one tenant's requests in flight on this replica may be
   * under their worst cases, summed: the overshoot bound per replica. 0: hold worst cases.
   */
  BUDGET_EXPOSURE_CAP_NANO_USD: z.coerce.bigint().nonnegative().default(1_000_000_000n),
  /** A request holds this quantile of its model's observed output lengths... */
  BUDGET_HOLD_QUANTILE: z.coerce.number().min(0.5).max(1).default(0.95),
  /** ...never fewer output tokens than this... */
  BUDGET_HOLD_FLOOR_TOKENS: z.coerce.number().int().nonnegative().default(16),
  /** ...and this many for a model seen fewer than BUDGET_HOLD_MIN_SAMPLES times. */
  BUDGET_HOLD_COLD_TOKENS: z.coerce.number().int().nonnegative().default(256),
  BUDGET_HOLD_MIN_SAMPLES: z.coerce.number().int().positive().default(8),
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
