import { createHash } from "node:crypto";
import { Code, ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { currentRequestContext } from "@switchyard/runtime";
import type { TenantConfig } from "@switchyard/runtime";

/** Who a caller is, once authenticated. */
export interface Principal {
  readonly tenant: string;
  /** Undefined in dev mode (no key presented). */
  readonly apiKeyId: string | undefined;
}

/** Looks API keys up by hash; keys themselves are never stored or logged. */
export interface KeyDirectory {
  /** The principal for presented credentials, or for none (dev mode); throws UNAUTHENTICATED. */
  authenticate(presentedKey: string | undefined): Principal;
}

/** SHA-256 of an API key, lower-case hex: how keys are stored in configuration and Secrets. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Builds the key directory from configured tenants; `devTenant` answers keyless calls. */
export function createKeyDirectory(tenants: Readonly<Record<string, TenantConfig>>, devTenant: string | undefined): KeyDirectory {
  const byHash = new Map<string, Principal>();
  for (const [tenant, settings] of Object.entries(tenants)) {
    for (const key of settings.apiKeys) byHash.set(key.sha256, { tenant, apiKeyId: key.id });
  }
  return {
    authenticate(presentedKey) {
      if (presentedKey === undefined) {
        if (devTenant) return { tenant: devTenant, apiKeyId: undefined };
        throw new ConnectError("missing credentials: send \"authorization: Bearer <api key>\"", Code.Unauthenticated);
      }
      const principal = byHash.get(hashApiKey(presentedKey));
      if (!principal) throw new ConnectError("invalid API key", Code.Unauthenticated);
      return principal;
    },
  };
}

/**
 * Authenticates RouterService calls from `authorization: Bearer <key>` (or `x-api-key`) and
 * makes the tenant part of the request context, overwriting any tenant header the caller sent:
 * only the router decides who a caller is. Health and reflection stay open for probes.
 */
export function createTenantAuthInterceptor(directory: KeyDirectory): Interceptor {
  return (next) => (request) => {
    if (request.service.typeName !== RouterService.typeName) return next(request);
    const principal = directory.authenticate(presentedKey(request.header));
    const context = currentRequestContext();
    if (context) {
      context.tenant = principal.tenant;
      context.apiKeyId = principal.apiKeyId;
    }
    return next(request);
  };
}

function presentedKey(headers: Headers): string | undefined {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new ConnectError("authorization header must be \"Bearer <api key>\"", Code.Unauthenticated);
    return match[1];
  }
  return headers.get("x-api-key") ?? undefined;
}
