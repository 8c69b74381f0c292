import { ConfigError } from "@switchyard/runtime";
import type { TenantConfig } from "@switchyard/runtime";
import type { WebhookTarget } from "./webhook-target.js";
import { minSecretLength } from "./webhook-target.js";

/**
 * The webhooks of the configuration file with their secrets read from the environment
 * (`tenants.<t>.webhook.secretEnv`); a missing or short secret fails start-up naming the variable.
 */
export function configuredWebhooks(
  tenants: Readonly<Record<string, TenantConfig>>,
  env: Readonly<Record<string, string | undefined>>,
): Map<string, WebhookTarget> {
  const webhooks = new Map<string, WebhookTarget>();
  for (const [tenant, config] of Object.entries(tenants)) {
    if (!config.webhook) continue;
    const secret = env[config.webhook.secretEnv];
    if (!secret || secret.length < minSecretLength) {
      throw new ConfigError(
        `tenant "${tenant}": webhook secret ${config.webhook.secretEnv} must be set to at least ${minSecretLength} characters (e.g. openssl rand -hex 32)`,
      );
    }
    webhooks.set(tenant, { url: config.webhook.url, secret });
  }
  return webhooks;
}
