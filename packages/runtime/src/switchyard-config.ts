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
});

/** Price per million tokens in USD, as decimal strings (parsed exactly to nano-USD). */
export const priceConfigSchema = z.object({
  inputPerMillion: usdAmount,
  cachedInputPerMillion: usdAmount.optional(),
  outputPerMillion: usdAmount,
});

/** Per-deployment limits; absent fields mean no limit of that kind. */
export const modelLimitsSchema = z.object({
  requestsPerMinute: z.number().int().positive().optional(),
  tokensPerMinute: z.number().int().positive().optional(),
  maxConcurrency: z.number().int().positive().optional(),
  maxQueue: z.number().int().nonnegative().optional(),
  attemptTimeoutMs: z.number().int().positive().optional(),
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

/** The Switchyard configuration file (YAML), shared by every service (one ConfigMap). */
export const switchyardConfigSchema = z
  .object({
    providers: z.record(nameToken, providerConfigSchema),
    models: z.record(z.string().min(1), modelConfigSchema),
    tenants: z.record(nameToken, tenantConfigSchema).default({}),
    /** Unauthenticated calls act as this tenant (local development); absent means refuse them. */
    devTenant: nameToken.optional(),
    /** Budgets seeded at ledger start-up; the ledger's own schema validates each entry. */
    budgets: z.array(z.record(z.string(), z.unknown())).default([]),
    /** Reports price every request at this model too, to show savings. */
    baselineModel: z.string().optional(),
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
  });

export type SwitchyardConfig = z.infer<typeof switchyardConfigSchema>;
export type ProviderConfig = z.infer<typeof providerConfigSchema>;
export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type TenantConfig = z.infer<typeof tenantConfigSchema>;

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
