import { createServiceHost } from "@switchyard/runtime";
import type { HostDeps, ServiceHost } from "@switchyard/runtime";
import { createRoutes, ledgerServices } from "./routes.js";
import { createLedgerAuthInterceptor } from "./rpc/ledger-auth.js";
import type { LedgerDeps } from "./service.js";

/** The ledger as a startable server, free of side effects until `start` (tests use port 0). */
export function build(deps: LedgerDeps & HostDeps): ServiceHost {
  return createServiceHost({
    ...deps,
    services: ledgerServices,
    routes: createRoutes(deps),
    interceptors: [createLedgerAuthInterceptor(deps.directory, deps.meshToken), ...(deps.interceptors ?? [])],
  });
}
