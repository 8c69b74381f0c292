import { z } from "zod";
import { ConfigError } from "./switchyard-config.js";
import { tracingEnvSchema } from "./tracing/tracing-env.js";

/**
 * MESH_TOKEN, the mesh's shared secret (see mesh-trust.ts, caller-auth.ts): every service sends
 * it on its peer calls, internal services answer only calls carrying it and the ledger believes
 * tenant headers only with it. Unset means network trust only (dev mode).
 */
export const meshTokenEnv = z.string().min(16, "the mesh token needs at least 16 characters (e.g. openssl rand -hex 32)").optional();

/** Settings every service reads from its environment. */
export const commonEnvSchema = z
  .object({
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Interface to listen on; 0.0.0.0 in containers. */
    HOST: z.string().default("127.0.0.1"),
    /** Port of the HTTP/1.1 /metrics endpoint; 0 picks a free one, -1 turns it off. */
    METRICS_PORT: z.coerce.number().int().min(-1).max(65535),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
    READINESS_INTERVAL_MS: z.coerce.number().int().positive().default(2_000),
    /** Path of the Switchyard configuration file (YAML). */
    SWITCHYARD_CONFIG: z.string().default("config/switchyard.yaml"),
    MESH_TOKEN: meshTokenEnv,
  })
  .extend(tracingEnvSchema.shape);

export type CommonEnv = z.infer<typeof commonEnvSchema>;

/**
 * A configuration without a dev tenant serves real tenants only: that is production, and there
 * every service needs MESH_TOKEN (callers of internal services must prove they are mesh peers).
 * Throws a ConfigError naming the variable; returns the token (undefined in dev mode).
 */
export function requireMeshTokenInProduction(meshToken: string | undefined, devTenant: string | undefined): string | undefined {
  if (!meshToken && !devTenant) {
    throw new ConfigError(
      "invalid environment: MESH_TOKEN: required when the configuration names no devTenant (production); generate one with openssl rand -hex 32",
    );
  }
  return meshToken;
}

/**
 * Parses the environment once, at start-up, against a zod schema, failing with a message that
 * names each offending variable.
 */
export function parseEnv<Schema extends z.ZodType>(schema: Schema, env: Readonly<Record<string, string | undefined>>): z.infer<Schema> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`);
  throw new ConfigError(`invalid environment: ${problems.join("; ")}`);
}
