import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { callerOf as authenticatedCaller } from "@switchyard/runtime";
import type { Principal } from "@switchyard/runtime";

/** The authenticated caller of an AccountService call (the router's API-key check covers it). */
export function callerOf(context: HandlerContext): Principal {
  const caller = authenticatedCaller(context);
  if (!caller.tenant) throw new ConnectError('no credentials: send "authorization: Bearer <api key>"', Code.Unauthenticated);
  return { tenant: caller.tenant, apiKeyId: caller.apiKeyId, admin: caller.admin };
}

/**
 * The tenant field to send on: the caller's own tenant unless an admin names another (or
 * none, for every tenant). The ledger checks the same again; refusing here keeps a tenant's
 * request for another tenant from ever leaving the router.
 */
export function scopedTenant(principal: Principal, requested: string): string {
  if (principal.admin) return requested;
  if (requested && requested !== principal.tenant) {
    throw new ConnectError(`tenant "${principal.tenant}" may not read tenant "${requested}"`, Code.PermissionDenied);
  }
  return principal.tenant;
}
