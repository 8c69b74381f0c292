import { createCallerInterceptor, createServiceHost } from "@switchyard/runtime";
import type { HostDeps, ServiceHost } from "@switchyard/runtime";
import type { CriticDeps } from "./critic-deps.js";
import { createCriticMetrics } from "./critic-metrics.js";
import { createRoutes, criticServices } from "./routes.js";

/** The critic as a startable server, free of side effects until `start` (tests use port 0). */
export function build(deps: CriticDeps & HostDeps): ServiceHost {
  const metrics = createCriticMetrics(deps.metrics.registry);
  return createServiceHost({
    ...deps,
    services: criticServices,
    routes: createRoutes(deps, metrics),
    // Mesh peers only (the mesh token); health and reflection stay open for probes.
    interceptors: [
      createCallerInterceptor({ accept: "mesh", meshToken: deps.meshToken, services: criticServices, metrics: deps.metrics }),
      ...(deps.interceptors ?? []),
    ],
  });
}
