import { Code, ConnectError, createContextKey } from "@connectrpc/connect";
import type { HandlerContext, Interceptor } from "@connectrpc/connect";
import { AccountService } from "@switchyard/contracts/switchyard/v1/account_pb";
import { currentRequestContext, presentedApiKey } from "@switchyard/runtime";
import type { KeyDirectory, Principal } from "@switchyard/runtime";

const callerKey = createContextKey<Principal | undefined>(undefined, { description: "account caller" });

/**
 * Authenticates AccountService calls with the same API keys as RouterService and makes the
 * caller's tenant part of the request context, overwriting any tenant header the caller sent,
 * so every proxied hop (ledger, executor) acts as that tenant and no other.
 */
export function createAccountAuthInterceptor(directory: KeyDirectory): Interceptor {
  return (next) => (request) => {
    if (request.service.typeName !== AccountService.typeName) return next(request);
    const principal = directory.authenticate(presentedApiKey(request.header));
    request.contextValues.set(callerKey, principal);
    const context = currentRequestContext();
    if (context) {
      context.tenant = principal.tenant;
      context.apiKeyId = principal.apiKeyId;
    }
    return next(request);
  };
}

/** The authenticated caller of an AccountService call. */
export function callerOf(context: HandlerContext): Principal {
  const principal = context.values.get(callerKey);
  if (!principal) throw new ConnectError("no credentials: send \"authorization: Bearer <api key>\"", Code.Unauthenticated);
  return principal;
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
