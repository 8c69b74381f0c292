import { createHash } from "node:crypto";
import { Code, ConnectError } from "@connectrpc/connect";
import type { TenantConfig } from "./switchyard-config.js";

/** Who a caller is, once authenticated. */
export interface Principal {
  readonly tenant: string;
  /** Undefined in dev mode (no key presented) and for calls vouched for by the mesh. */
  readonly apiKeyId: string | undefined;
  /** Admin tenants may read and manage every tenant's budgets and spend. */
  readonly admin: boolean;
}

/**
 * Looks API keys up by hash; keys themselves are never stored or logged. Shared by every
 * service that authenticates callers itself (the router for RouterService, the ledger for
 * direct LedgerService calls), so that one configuration means one set of credentials.
 */
export interface KeyDirectory {
  /** The principal for presented credentials, or for none (dev mode); throws UNAUTHENTICATED. */
  authenticate(presentedKey: string | undefined): Principal;
  /** The principal a trusted peer vouched for; throws UNAUTHENTICATED for an unknown tenant. */
  vouchedFor(tenant: string, apiKeyId: string | undefined): Principal;
  /** True when the tenant is configured (budgets may only name configured tenants). */
  hasTenant(tenant: string): boolean;
  /** True when `apiKeyId` is one of the tenant's configured keys. */
  hasApiKey(tenant: string, apiKeyId: string): boolean;
}

/** SHA-256 of an API key, lower-case hex: how keys are stored in configuration and Secrets. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Builds the key directory from configured tenants; `devTenant` answers keyless calls. */
export function createKeyDirectory(tenants: Readonly<Record<string, TenantConfig>>, devTenant: string | undefined): KeyDirectory {
  const byHash = new Map<string, Principal>();
  for (const [tenant, settings] of Object.entries(tenants)) {
    for (const key of settings.apiKeys) byHash.set(key.sha256, { tenant, apiKeyId: key.id, admin: settings.admin });
  }
  const isAdmin = (tenant: string): boolean => tenants[tenant]?.admin ?? false;
  return {
    authenticate(presentedKey) {
      if (presentedKey === undefined) {
        if (devTenant) return { tenant: devTenant, apiKeyId: undefined, admin: isAdmin(devTenant) };
        throw new ConnectError('missing credentials: send "authorization: Bearer <api key>"', Code.Unauthenticated);
      }
      const principal = byHash.get(hashApiKey(presentedKey));
      if (!principal) throw new ConnectError("invalid API key", Code.Unauthenticated);
      return principal;
    },
    vouchedFor(tenant, apiKeyId) {
      if (!Object.hasOwn(tenants, tenant)) throw new ConnectError(`unknown tenant "${tenant}" in x-switchyard-tenant`, Code.Unauthenticated);
      return { tenant, apiKeyId, admin: isAdmin(tenant) };
    },
    hasTenant: (tenant) => Object.hasOwn(tenants, tenant),
    hasApiKey: (tenant, apiKeyId) => tenants[tenant]?.apiKeys.some((key) => key.id === apiKeyId) ?? false,
  };
}

/**
 * The API key a call presents in `authorization: Bearer <key>` (or `x-api-key`), if any.
 * A malformed authorization header is refused rather than ignored.
 */
export function presentedApiKey(headers: Headers): string | undefined {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new ConnectError('authorization header must be "Bearer <api key>"', Code.Unauthenticated);
    return match[1];
  }
  return headers.get("x-api-key") ?? undefined;
}
