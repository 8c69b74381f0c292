import { commonEnvSchema, loadSwitchyardConfig, meshTokenEnv, parseEnv, peerTargetSchema } from "@switchyard/runtime";
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
  /** Shared secret of the mesh, sent on every peer call (the ledger believes tenant headers only with it). */
  MESH_TOKEN: meshTokenEnv,
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
});

/** The router's settings: its environment and the shared configuration file. */
export interface RouterConfig {
  readonly env: z.infer<typeof envSchema>;
  readonly switchyard: ResolvedSwitchyardConfig;
}

/** Parses the environment and the configuration file once, at start-up. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): RouterConfig {
  const parsed = parseEnv(envSchema, env);
  return { env: parsed, switchyard: loadSwitchyardConfig(parsed.SWITCHYARD_CONFIG, env, { providerKeys: "unused" }) };
}
