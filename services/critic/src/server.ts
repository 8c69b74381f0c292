import { createServiceHost } from "@switchyard/runtime";
import type { HostDeps, ServiceHost } from "@switchyard/runtime";
import { createRoutes, criticServices } from "./routes.js";
import type { CriticDeps } from "./service.js";

/** The critic as a startable server, free of side effects until `start` (tests use port 0). */
export function build(deps: CriticDeps & HostDeps): ServiceHost {
  return createServiceHost({ ...deps, services: criticServices, routes: createRoutes(deps) });
}
