import type { Interceptor } from "@connectrpc/connect";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { currentRequestContext, presentedApiKey } from "@switchyard/runtime";
import type { KeyDirectory } from "@switchyard/runtime";

export { createKeyDirectory, hashApiKey } from "@switchyard/runtime";
export type { KeyDirectory, Principal } from "@switchyard/runtime";

/**
 * Authenticates RouterService calls from `authorization: Bearer <key>` (or `x-api-key`) and
 * makes the tenant part of the request context, overwriting any tenant header the caller sent:
 * only the router decides who a caller is. Health and reflection stay open for probes.
 */
export function createTenantAuthInterceptor(directory: KeyDirectory): Interceptor {
  return (next) => (request) => {
    if (request.service.typeName !== RouterService.typeName) return next(request);
    const principal = directory.authenticate(presentedApiKey(request.header));
    const context = currentRequestContext();
    if (context) {
      context.tenant = principal.tenant;
      context.apiKeyId = principal.apiKeyId;
    }
    return next(request);
  };
}
