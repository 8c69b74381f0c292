import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { describeZodError } from "./errors.js";
import { parseUsd } from "./money.js";
import { subjectTokenPattern } from "./subjects.js";

const usdAmount = z
  .union([z.string(), z.number()])
  .transform((value, context) => {
    try {
      return parseUsd(value);
    } catch (error) {
      context.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });

const nameToken = z.string().regex(subjectTokenPattern, "use letters, digits, '_' or '-' (at most 64)");

/** A provider endpoint: OpenAI-compatible (OpenAI, OpenRouter, vLLM, Gemini, ...) or Ollama. */
export const providerConfigSchema = z.object({
  kind: z.enum(["openai", "ollama"]),
  /** OpenAI-compatible: the URL ending in /v1. Ollama: the host URL. */
  baseUrl: z.url(),
  /** Resolved from `apiKeyEnv` at load time; never written in the file itself. */
  apiKeyEnv: z.string().optional(),
  headers: z.record(z.string(), z.string()).default({}),
  /** True for the provider simulator: answers are announced as simulated everywhere. */
  simulated: z.boolean().default(false),
  /** The provider is used only when this environment variable is set and non-empty. */
  enabledWhen: z.string().optional(),
  /**
   * The price catalog's id for this provider ("openai", "anthropic", "google", ...), for a
   * base URL the catalog does not recognise (a proxy in front of a known provider).
   */
  catalogProvider: z.string().optional(),
});

/**
 * Price per million tokens in USD, as decimal strings (parsed exactly to nano-USD). It overrides
 * the price catalog's figures; the cache prices it leaves out come from the catalog when the
 * catalog knows the model, else from `inputPerMillion`. "0" declares a self-hosted model free.
 */
export const priceConfigSchema = z.object({
  inputPerMillion: usdAmount,
  cachedInputPerMillion: usdAmount.optional(),
  cacheWritePerMillion: usdAmount.optional(),
  outputPerMillion: usdAmount,
});

/** Per-deployment limits; absent fields mean no limit of that kind. */
export const modelLimitsSchema = z.object({
  requestsPerMinute: z.number().int().positive().optional(),
  tokensPerMinute: z.number().int().positive().optional(),
  maxConcurrency: z.number().int().positive().optional(),
  maxQueue: z.number().int().nonnegative().optional(),
  attemptTimeoutMs: z.number().int().positive().optional(),
  /** Streams only: the longest silence between two chunks after the first one. */
  streamIdleTimeoutMs: z.number().int().positive().optional(),
});

/** Circuit breaker settings: opens on `errorRate` over `windowMs` once `minRequests` were seen. */
export const breakerConfigSchema = z.object({
  windowMs: z.number().int().positive().default(30_000),
  minRequests: z.number().int().positive().default(10),
  errorRate: z.number().gt(0).max(1).default(0.5),
  /** How long the breaker stays open before one half-open probe is let through. */
  cooldownMs: z.number().int().positive().default(10_000),
});

/**
 * The executor's reliability policy, for every model unless the model overrides a part of it.
 * Deadlines: the caller's gRPC deadline wins; `callTimeoutMs` applies to calls without one.
 */
export const executorPolicySchema = z.object({
  /** Provider attempts per call, the first included (a request's max_attempts overrides it). */
  maxAttempts: z.number().int().positive().default(3),
  retryInitialDelayMs: z.number().int().nonnegative().default(200),
  retryMaxDelayMs: z.number().int().nonnegative().default(5_000),
  callTimeoutMs: z.number().int().positive().default(120_000),
  /** Non-streaming: the whole provider call; streaming: until the first token. */
  attemptTimeoutMs: z.number().int().positive().default(60_000),
  streamIdleTimeoutMs: z.number().int().positive().default(30_000),
  breaker: breakerConfigSchema.prefault({}),
});

/** A model as Switchyard names it, and where and at what price it runs. */
export const modelConfigSchema = z.object({
  provider: z.string(),
  /** The provider's id for the model; defaults to the Switchyard name. */
  providerModel: z.string().optional(),
  contextWindow: z.number().int().positive().default(8192),
  /** Price override; without one the executor looks the model up in its price catalog. */
  price: priceConfigSchema.optional(),
  /** Rough capability tier, used as a selector prior for models without training data. */
  tier: z.enum(["small", "medium", "large"]).optional(),
  /** Selector profile: score this model as that known model until feedback says otherwise. */
  aliasOf: z.string().optional(),
  limits: modelLimitsSchema.default({}),
  /** Overrides of the executor's breaker settings for this model. */
  breaker: breakerConfigSchema.partial().optional(),
  /** The price catalog's id for the model when it differs from `providerModel`. */
  catalogModel: z.string().optional(),
  /**
   * Tokenizer for estimates before the call; inferred from the model id when absent
   * (OpenAI families have real tokenizers, other models a documented heuristic).
   */
  tokenizer: z.enum(["o200k_base", "cl100k_base", "heuristic"]).optional(),
});

/** An API key as stored: only its SHA-256, never the key. */
export const apiKeyConfigSchema = z.object({
  id: nameToken,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "a lower-case hex SHA-256 of the key"),
});

export const tenantConfigSchema = z.object({
  apiKeys: z.array(apiKeyConfigSchema).default([]),
  /** Models the tenant may use; absent means all. */
  allowedModels: z.array(z.string()).optional(),
  /** Admin tenants see every tenant's budgets and spend. */
  admin: z.boolean().default(false),
});

/** How the router plans requests when the caller leaves a setting open. */
export const routingConfigSchema = z.object({
  /** Quality bar for cheapest/cascade/auto when the request sets none. */
  defaultMinQuality: z.number().min(0).max(1).default(0.7),
  /** Output tokens assumed when a request sets no max_output_tokens (reservations only). */
  defaultMaxOutputTokens: z.number().int().positive().default(1024),
  /** Judge for ensembles and synthesizer for mixture-of-agents; default: the priciest model. */
  judgeModel: z.string().optional(),
  synthesizerModel: z.string().optional(),
  /** Critic models for the critique strategy when the request names none. */
  criticModels: z.array(z.string()).default([]),
  /** Parallel requests of one CompleteBatch when the request sets none. */
  batchConcurrency: z.number().int().positive().default(8),
});
/** True when `zone` is an IANA time zone this runtime knows ("Europe/Paris", "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const timeZoneName = z.string().refine(isTimeZone, { message: "not an IANA time zone (e.g. \"UTC\", \"Europe/Paris\")" });

/**
 * A budget seeded at ledger start-up: a money limit (and optionally a token limit) per period
 * for a tenant, one of its API keys or one of its projects. A seeded budget is applied again
 * only when its entry here changes, so limits set later through SetBudget survive restarts.
 */
export const budgetConfigSchema = z
  .object({
    tenant: nameToken,
    scope: z.enum(["tenant", "apiKey", "project"]).default("tenant"),
    /** The API key id (scope apiKey) or project name (scope project); absent for a tenant budget. */
    id: nameToken.optional(),
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

/** The Switchyard configuration file (YAML), shared by every service (one ConfigMap). */
export const switchyardConfigSchema = z
  .object({
    providers: z.record(nameToken, providerConfigSchema),
    models: z.record(z.string().min(1), modelConfigSchema),
    tenants: z.record(nameToken, tenantConfigSchema).default({}),
    /** Unauthenticated calls act as this tenant (local development); absent means refuse them. */
    devTenant: nameToken.optional(),
    /** Budgets seeded at ledger start-up. */
    budgets: z.array(budgetConfigSchema).default([]),
    /** Reports price every request at this model too, to show savings. */
    baselineModel: z.string().optional(),
    routing: routingConfigSchema.default(routingConfigSchema.parse({})),
    ledger: ledgerConfigSchema.prefault({}),
    /** Retries, deadlines and breaker defaults of the executor. */
    executor: executorPolicySchema.prefault({}),
  })
  .superRefine((config, context) => {
    for (const [name, model] of Object.entries(config.models)) {
      if (!config.providers[model.provider]) {
        context.addIssue({ code: "custom", path: ["models", name, "provider"], message: `unknown provider "${model.provider}"` });
      }
    }
    if (config.devTenant && !config.tenants[config.devTenant]) {
      context.addIssue({ code: "custom", path: ["devTenant"], message: `"${config.devTenant}" is not a configured tenant` });
    }
    if (config.baselineModel !== undefined && !config.models[config.baselineModel]) {
      context.addIssue({ code: "custom", path: ["baselineModel"], message: `unknown model "${config.baselineModel}"` });
    }
    config.budgets.forEach((budget, index) => checkBudgetTarget(config, budget, (message, field) =>
      context.addIssue({ code: "custom", path: ["budgets", index, field], message })));
  });

/** A budget must name a configured tenant, and an API key budget one of that tenant's keys. */
function checkBudgetTarget(
  config: { tenants: Record<string, z.infer<typeof tenantConfigSchema>>; budgets: BudgetConfig[] },
  budget: BudgetConfig,
  report: (message: string, field: string) => void,
): void {
  const tenant = config.tenants[budget.tenant];
  if (!tenant) return report(`unknown tenant "${budget.tenant}"`, "tenant");
  if (budget.scope === "tenant" && budget.id !== undefined) return report("a tenant budget takes no id", "id");
  if (budget.scope !== "tenant" && budget.id === undefined) return report(`a ${budget.scope} budget needs an id`, "id");
  if (budget.scope === "apiKey" && !tenant.apiKeys.some((key) => key.id === budget.id)) {
    return report(`tenant "${budget.tenant}" has no API key "${budget.id}"`, "id");
  }
  const same = config.budgets.filter((other) => other.tenant === budget.tenant && other.scope === budget.scope && other.id === budget.id);
  if (same.length > 1) report("more than one budget for the same tenant, scope and id", "scope");
}

export type SwitchyardConfig = z.infer<typeof switchyardConfigSchema>;
export type ProviderConfig = z.infer<typeof providerConfigSchema>;
export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type TenantConfig = z.infer<typeof tenantConfigSchema>;
export type RoutingConfig = z.infer<typeof routingConfigSchema>;
export type BudgetConfig = z.infer<typeof budgetConfigSchema>;
export type BreakerConfig = z.infer<typeof breakerConfigSchema>;
export type ExecutorPolicy = z.infer<typeof executorPolicySchema>;
export type ModelLimits = z.infer<typeof modelLimitsSchema>;

/** A provider after environment resolution: enabled, with its key in hand. */
export interface ResolvedProvider extends ProviderConfig {
  readonly name: string;
  readonly apiKey: string | undefined;
}

/** The configuration with disabled providers (and their models) removed and keys resolved. */
export interface ResolvedSwitchyardConfig extends Omit<SwitchyardConfig, "providers"> {
  readonly providers: Record<string, ResolvedProvider>;
}

/** Thrown when the configuration cannot be used; the message names what is wrong. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** How a service uses the configuration. */
export interface SwitchyardConfigUse {
  /**
   * "required" (the default, for the executor, which calls providers): a provider whose
   * `apiKeyEnv` is unset fails start-up. "unused" (every other service): keys are not needed,
   * so Kubernetes can give the provider-keys Secret to the executor alone.
   */
  readonly providerKeys?: "required" | "unused";
}

/**
 * Reads, validates and resolves the configuration file. `${VAR}` and `${VAR:-default}` in
 * the file are replaced from `env`; providers whose `enabledWhen` variable is unset are
 * dropped with their models. Fails fast with a message that names the offending field.
 */
export function loadSwitchyardConfig(
  path: string,
  env: Readonly<Record<string, string | undefined>>,
  use: SwitchyardConfigUse = {},
): ResolvedSwitchyardConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read SWITCHYARD_CONFIG file ${path}: ${(error as Error).message}`);
  }
  return parseSwitchyardConfig(text, env, path, use);
}

/** Parses configuration text (YAML or JSON); see loadSwitchyardConfig. */
export function parseSwitchyardConfig(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  origin = "configuration",
  use: SwitchyardConfigUse = {},
): ResolvedSwitchyardConfig {
  const parsed = switchyardConfigSchema.safeParse(parseYaml(interpolateEnv(text, env)));
  if (!parsed.success) throw new ConfigError(`invalid ${origin}: ${describeZodError(parsed.error)}`);
  return resolveProviders(parsed.data, env, use.providerKeys ?? "required");
}

function interpolateEnv(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
    const value = env[name];
    return value !== undefined && value !== "" ? value : (fallback ?? "");
  });
}

function resolveProviders(
  config: SwitchyardConfig,
  env: Readonly<Record<string, string | undefined>>,
  providerKeys: "required" | "unused",
): ResolvedSwitchyardConfig {
  const providers: Record<string, ResolvedProvider> = {};
  for (const [name, provider] of Object.entries(config.providers)) {
    if (provider.enabledWhen !== undefined && !env[provider.enabledWhen]) continue;
    const apiKey = provider.apiKeyEnv ? env[provider.apiKeyEnv] : undefined;
    if (provider.apiKeyEnv && !apiKey && providerKeys === "required") {
      throw new ConfigError(`provider "${name}" needs environment variable ${provider.apiKeyEnv}`);
    }
    providers[name] = { ...provider, name, apiKey };
  }
  const models = Object.fromEntries(Object.entries(config.models).filter(([, model]) => providers[model.provider]));
  return { ...config, providers, models };
}
