import { z } from "zod";
import { nameToken, taskTypePattern, timeZoneName, usdAmount } from "./config-fields.js";

/** An API key as stored: only its SHA-256, never the key. */
export const apiKeyConfigSchema = z.object({
  id: nameToken,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "a lower-case hex SHA-256 of the key"),
});

/**
 * Where the tenant's budget alerts are POSTed (the ledger signs and retries them): a URL and
 * the environment variable holding the signing secret, never the secret itself.
 */
export const webhookConfigSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: "an http(s) URL" }),
    /** Environment variable of the ledger holding the secret (at least 16 characters). */
    secretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name such as ACME_WEBHOOK_SECRET"),
  })
  .strict();

export const tenantConfigSchema = z.object({
  apiKeys: z.array(apiKeyConfigSchema).default([]),
  /** Models the tenant may use; absent means all. */
  allowedModels: z.array(z.string()).optional(),
  /** Admin tenants see every tenant's budgets and spend. */
  admin: z.boolean().default(false),
  /** The router's response cache for this tenant's requests that set no `cache` option. */
  cache: z
    .object({
      enabled: z.boolean().default(false),
      /** How long a stored answer is served (at most the router's RESPONSE_CACHE_MAX_TTL_SECONDS). */
      ttlSeconds: z.number().int().positive().optional(),
    })
    .strict()
    .optional(),
  /** Budget alerts of this tenant also go to this webhook (SetWebhook may override it). */
  webhook: webhookConfigSchema.optional(),
});

/**
 * A budget seeded at ledger start-up: a money limit (and optionally a token limit) per period
 * for a tenant, one of its API keys, one of its projects or one of its task types. A seeded budget is applied again
 * only when its entry here changes, so limits set later through SetBudget survive restarts.
 */
export const budgetConfigSchema = z
  .object({
    tenant: nameToken,
    scope: z.enum(["tenant", "apiKey", "project", "taskType"]).default("tenant"),
    /**
     * The API key id (scope apiKey), project name (scope project) or task type (scope taskType:
     * the spend of the tenant's requests of that type); absent for a tenant budget.
     */
    id: z.string().regex(taskTypePattern, "use letters, digits, '_', '-' or '.' (at most 64)").optional(),
    limitUsd: usdAmount,
    limitTokens: z.number().int().nonnegative().optional(),
    period: z.enum(["daily", "weekly", "monthly", "total"]),
    /** Period boundaries are midnights in this zone; absent uses `ledger.timeZone`. */
    timeZone: timeZoneName.optional(),
    /** Largest single reservation. */
    perRequestCapUsd: usdAmount.optional(),
    /** Fractions of the limit at which an alert fires, once per period each. */
    alertThresholds: z.array(z.number().gt(0).lte(10)).default([0.5, 0.8, 1]),
  })
  .strict();

/** Settings of the ledger that belong to the business, not the deployment. */
export const ledgerConfigSchema = z
  .object({
    /** Default zone for calendar-aligned budget periods and the report's day dimension. */
    timeZone: timeZoneName.default("UTC"),
  })
  .strict();
