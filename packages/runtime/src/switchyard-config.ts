import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { nameToken } from "./config-fields.js";
import { describeZodError } from "./errors.js";
import { subjectTokenPattern } from "./subjects.js";
import type { breakerConfigSchema, modelLimitsSchema } from "./model-config.js";
import { executorPolicySchema, modelConfigSchema, providerConfigSchema } from "./model-config.js";
import { routingConfigSchema } from "./routing-config.js";
import { budgetConfigSchema, ledgerConfigSchema, tenantConfigSchema } from "./tenant-config.js";

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
    config.budgets.forEach((budget, index) =>
      checkBudgetTarget(config, budget, (message, field) => context.addIssue({ code: "custom", path: ["budgets", index, field], message })),
    );
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
  if (budget.scope !== "taskType" && budget.id !== undefined && !subjectTokenPattern.test(budget.id)) {
    return report("use letters, digits, '_' or '-' (at most 64)", "id");
  }
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
export function loadSwitchyardConfig(path: string, env: Readonly<Record<string, string | undefined>>, use: SwitchyardConfigUse = {}): ResolvedSwitchyardConfig {
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
  return { ...config, providers, models, routing: { ...config.routing, chains: enabledChains(config.routing.chains, models) } };
}

/** Named chains keep only the models that are enabled; a chain left empty is dropped with them. */
function enabledChains(chains: Readonly<Record<string, readonly string[]>>, models: Readonly<Record<string, unknown>>): Record<string, string[]> {
  const kept = Object.entries(chains).map(([name, chain]) => [name, chain.filter((model) => Object.hasOwn(models, model))] as const);
  return Object.fromEntries(kept.filter(([, chain]) => chain.length > 0));
}
