import { createCallerInterceptor, createServiceHost } from "@switchyard/runtime";
import type { HostDeps, ServiceHost } from "@switchyard/runtime";
import { createRoutes, selectorServices } from "./routes.js";
import type { SelectorDeps } from "./service.js";

/** The selector as a startable server, free of side effects until `start` (tests use port 0). */
export function build(deps: SelectorDeps & HostDeps): ServiceHost {
  return createServiceHost({
    ...deps,
    services: selectorServices,
    routes: createRoutes(deps),
    // Mesh peers only (the mesh token); health and reflection stay open for probes.
    interceptors: [
      createCallerInterceptor({ accept: "mesh", meshToken: deps.meshToken, services: selectorServices, metrics: deps.metrics }),
      ...(deps.interceptors ?? []),
    ],
  });
}
