import { commonEnvSchema, loadSwitchyardConfig, parseEnv, requireMeshTokenInProduction } from "@switchyard/runtime";
import type { ResolvedSwitchyardConfig } from "@switchyard/runtime";
import { z } from "zod";
import type { WebhookTarget } from "./webhooks/webhook-target.js";
import { configuredWebhooks } from "./webhooks/configured-webhooks.js";
import type { WebhookPolicy } from "./webhooks/webhook-dispatcher.js";

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
  /** Alert webhooks: attempts before the dead-letter log, backoff between them, time per POST. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  WEBHOOK_BACKOFF_MIN_MS: z.coerce.number().int().positive().default(1_000),
  WEBHOOK_BACKOFF_MAX_MS: z.coerce.number().int().positive().default(120_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  WEBHOOK_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(16),
});

/** The ledger's settings: its environment and the shared configuration file. */
export interface LedgerConfig {
  readonly env: z.infer<typeof envSchema>;
  readonly switchyard: ResolvedSwitchyardConfig;
  /** Tenants' webhooks from the configuration file, secrets read from their `secretEnv`. */
  readonly webhooks: ReadonlyMap<string, WebhookTarget>;
  readonly webhookPolicy: WebhookPolicy;
}

/** Parses the environment and the configuration file once, at start-up. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): LedgerConfig {
  const parsed = parseEnv(envSchema, env);
  const switchyard = loadSwitchyardConfig(parsed.SWITCHYARD_CONFIG, env, { providerKeys: "unused" });
  requireMeshTokenInProduction(parsed.MESH_TOKEN, switchyard.devTenant);
  const webhookPolicy = {
    maxAttempts: parsed.WEBHOOK_MAX_ATTEMPTS,
    backoff: { minMs: parsed.WEBHOOK_BACKOFF_MIN_MS, maxMs: Math.max(parsed.WEBHOOK_BACKOFF_MIN_MS, parsed.WEBHOOK_BACKOFF_MAX_MS) },
    timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
    maxInFlight: parsed.WEBHOOK_MAX_IN_FLIGHT,
  };
  return { env: parsed, switchyard, webhooks: configuredWebhooks(switchyard.tenants, env), webhookPolicy };
}
