import { Code, ConnectError, createContextKey } from "@connectrpc/connect";
import type { HandlerContext, Interceptor } from "@connectrpc/connect";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { currentRequestContext, isTrustedMeshCall, presentedApiKey, requestHeaders } from "@switchyard/runtime";
import type { KeyDirectory, Principal } from "@switchyard/runtime";

/** The authenticated caller of a LedgerService call. */
export const principalKey = createContextKey<Principal | undefined>(undefined, { description: "ledger caller" });

/**
 * Who is calling, in this order: an API key (`authorization: Bearer <key>`) decides, whatever
 * else the call carries; otherwise a tenant vouched for by a mesh peer (`x-switchyard-tenant`,
 * believed only with the mesh token when one is configured); otherwise the dev tenant, if any.
 */
function authenticate(headers: Headers, directory: KeyDirectory, meshToken: string | undefined): Principal {
  const key = presentedApiKey(headers);
  if (key !== undefined) return directory.authenticate(key);
  const tenant = headers.get(requestHeaders.tenant);
  if (tenant) {
    if (!isTrustedMeshCall(headers, meshToken)) {
      throw new ConnectError("x-switchyard-tenant is believed only from mesh peers carrying the mesh token; send an API key instead", Code.Unauthenticated);
    }
    return directory.vouchedFor(tenant, headers.get(requestHeaders.apiKeyId) || undefined);
  }
  return directory.authenticate(undefined);
}

/** Authenticates every LedgerService call; health and reflection stay open for probes. */
export function createLedgerAuthInterceptor(directory: KeyDirectory, meshToken: string | undefined): Interceptor {
  return (next) => (request) => {
    if (request.service.typeName !== LedgerService.typeName) return next(request);
    const principal = authenticate(request.header, directory, meshToken);
    request.contextValues.set(principalKey, principal);
    const context = currentRequestContext();
    if (context) {
      context.tenant = principal.tenant;
      context.apiKeyId = principal.apiKeyId;
    }
    return next(request);
  };
}

/** The caller of the call being handled. */
export function principalOf(context: HandlerContext): Principal {
  const principal = context.values.get(principalKey);
  if (!principal) throw new ConnectError("no credentials: send \"authorization: Bearer <api key>\"", Code.Unauthenticated);
  return principal;
}

/** The tenant a call acts on: the caller's own; an admin may name any other. */
export function actingTenant(principal: Principal, requested: string): string {
  if (!requested || requested === principal.tenant) return principal.tenant;
  if (!principal.admin) throw new ConnectError(`tenant "${principal.tenant}" may not act on tenant "${requested}"`, Code.PermissionDenied);
  return requested;
}

/** The tenants a read covers: one tenant, or every tenant (undefined) for an admin naming none. */
export function readableTenant(principal: Principal, requested: string): string | undefined {
  if (!requested && principal.admin) return undefined;
  return actingTenant(principal, requested);
}

/** Refuses callers without admin rights. */
export function requireAdmin(principal: Principal, action: string): void {
  if (!principal.admin) throw new ConnectError(`${action} needs an admin credential; tenant "${principal.tenant}" is not an admin`, Code.PermissionDenied);
}
