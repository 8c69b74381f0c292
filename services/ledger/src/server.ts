import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { createCallerInterceptor, createServiceHost } from "@switchyard/runtime";
import type { HostDeps, ServiceHost } from "@switchyard/runtime";
import { createRoutes, ledgerServices } from "./routes.js";
import type { LedgerDeps } from "./service.js";

/** The ledger as a startable server, free of side effects until `start` (tests use port 0). */
export function build(deps: LedgerDeps & HostDeps): ServiceHost {
  return createServiceHost({
    ...deps,
    services: ledgerServices,
    routes: createRoutes(deps),
    interceptors: [
      // LedgerService only: health and reflection stay open for probes.
      createCallerInterceptor({
        accept: "api-key-or-mesh",
        directory: deps.directory,
        meshToken: deps.meshToken,
        services: [LedgerService],
        metrics: deps.metrics,
      }),
      ...(deps.interceptors ?? []),
    ],
  });
}
