import { commonEnvSchema, loadSwitchyardConfig, parseEnv, requireMeshTokenInProduction } from "@switchyard/runtime";
import type { ResolvedSwitchyardConfig } from "@switchyard/runtime";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

const envSchema = commonEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(50053),
  METRICS_PORT: z.coerce.number().int().min(-1).max(65535).default(9093),
  NATS_URL: z.string().default("nats://127.0.0.1:4222"),
  /** Comma-separated providers this deployment serves; empty serves every configured one. */
  EXECUTOR_PROVIDERS: z.string().default(""),
  /** JetStream replicas of the COSTS stream and the coordination bucket (3 on a NATS cluster). */
  COST_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** Identifies this replica in logs, NATS monitoring and breaker probe claims. */
  EXECUTOR_INSTANCE: z.string().default(`${hostname()}-${process.pid}`),
  MAX_PROMPT_CHARS: z.coerce.number().int().positive().default(1_000_000),
  /**
   * Where undelivered cost events are journalled; it must survive a restart of this replica
   * (a volume in Kubernetes). Defaults to a folder per port under the system's temp dir.
   */
  COST_OUTBOX_DIR: z.string().optional(),
  /** Undelivered cost events at which new calls are refused (none is ever dropped). */
  COST_OUTBOX_MAX_EVENTS: z.coerce.number().int().positive().default(100_000),
  /** Timeout of one NATS operation (KV read or write, JetStream publish). */
  NATS_OPERATION_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /**
   * How long the concurrency slots a replica holds count without renewal (renewed every 2 s while
   * held): how long a killed replica's slots stay lost, and how long a replica cut off from NATS
   * keeps its slots in the others' eyes. Keep it well above clock skew between replicas.
   */
  CONCURRENCY_LEASE_TTL_MS: z.coerce.number().int().min(1_000).default(15_000),
});

/** The executor's settings: its environment and the shared configuration file. */
export interface ExecutorConfig {
  readonly env: z.infer<typeof envSchema>;
  readonly switchyard: ResolvedSwitchyardConfig;
  /** Providers this deployment serves. */
  readonly providers: readonly string[];
  readonly outboxDirectory: string;
}

/** Parses the environment and the configuration file once, at start-up. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): ExecutorConfig {
  const parsed = parseEnv(envSchema, env);
  const switchyard = loadSwitchyardConfig(parsed.SWITCHYARD_CONFIG, env);
  requireMeshTokenInProduction(parsed.MESH_TOKEN, switchyard.devTenant);
  const wanted = parsed.EXECUTOR_PROVIDERS.split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const providers = wanted.length > 0 ? wanted.filter((name) => switchyard.providers[name]) : Object.keys(switchyard.providers);
  const outboxDirectory = parsed.COST_OUTBOX_DIR ?? join(tmpdir(), "switchyard-executor-outbox", String(parsed.PORT));
  return { env: parsed, switchyard, providers, outboxDirectory };
}
