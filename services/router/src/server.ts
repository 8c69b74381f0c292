import { createServiceHost } from "@switchyard/runtime";
import type { HostDeps, ServiceHost } from "@switchyard/runtime";
import type { RouterDeps } from "./router-deps.js";
import { createRouterMetrics } from "./router-metrics.js";
import { createAccountAuthInterceptor } from "./account/account-auth.js";
import { createRoutes, routerServices } from "./routes.js";
import type { KeyDirectory } from "./tenant-auth.js";
import { createTenantAuthInterceptor } from "./tenant-auth.js";

/** The router as a startable server, free of side effects until `start` (tests use port 0). */
export function build(deps: RouterDeps & HostDeps & { readonly keys: KeyDirectory }): ServiceHost {
  return createServiceHost({
    ...deps,
    services: routerServices,
    routes: createRoutes(deps, createRouterMetrics(deps.metrics.registry)),
    interceptors: [createTenantAuthInterceptor(deps.keys), createAccountAuthInterceptor(deps.keys), ...(deps.interceptors ?? [])],
  });
}
