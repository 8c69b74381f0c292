import type { Interceptor } from "@connectrpc/connect";
import { AccountService } from "@switchyard/contracts/switchyard/v1/account_pb";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { createCallerInterceptor } from "@switchyard/runtime";
import type { KeyDirectory, ServiceMetrics } from "@switchyard/runtime";

export { createKeyDirectory, hashApiKey } from "@switchyard/runtime";
export type { KeyDirectory } from "@switchyard/runtime";

/**
 * Authenticates RouterService calls from `authorization: Bearer <key>` (or `x-api-key`) and
 * makes the tenant the call's caller, ignoring any tenant header the caller sent: only the
 * router decides who a caller is. Health and reflection stay open for probes.
 */
export function createTenantAuthInterceptor(directory: KeyDirectory, metrics?: ServiceMetrics): Interceptor {
  return createCallerInterceptor({ accept: "api-key", directory, services: [RouterService, AccountService], metrics });
}
