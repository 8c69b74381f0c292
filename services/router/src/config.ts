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
  /** Port of the HTTP door (OpenAI and Anthropic APIs, HTTP/1.1 and h2c); -1 turns it off. */
  HTTP_PORT: z.coerce.number().int().min(-1).max(65535).default(8080),
  /** Largest HTTP door request body, in bytes (413 above). */
  HTTP_MAX_BODY_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  /** Browser origins allowed on the gRPC port (gRPC-Web, Connect), comma separated; empty: CORS off. */
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((origin) => origin.trim()).filter(Boolean)),
  /** Shared secret of the mesh, sent on every peer call (the ledger believes tenant headers only with it). */
  MESH_TOKEN: meshTokenEnv,
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
