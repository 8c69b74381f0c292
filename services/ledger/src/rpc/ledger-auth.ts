import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { callerOf } from "@switchyard/runtime";
import type { Principal } from "@switchyard/runtime";

/**
 * The caller of the call being handled, as the runtime's caller interceptor established it
 * (server.ts: an API key decides; otherwise a mesh peer's tenant header; otherwise the dev tenant).
 */
export function principalOf(context: HandlerContext): Principal {
  const caller = callerOf(context);
  if (caller.tenant === undefined) throw new ConnectError('no credentials: send "authorization: Bearer <api key>"', Code.Unauthenticated);
  return { tenant: caller.tenant, apiKeyId: caller.apiKeyId, admin: caller.admin };
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
