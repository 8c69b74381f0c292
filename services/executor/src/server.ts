import { createServiceHost } from "@switchyard/runtime";
import type { HostDeps, ServiceHost } from "@switchyard/runtime";
import { createRoutes, executorServices } from "./routes.js";
import type { ExecutorDeps } from "./service.js";

/** The executor as a startable server, free of side effects until `start` (tests use port 0). */
export function build(deps: ExecutorDeps & HostDeps): ServiceHost {
  return createServiceHost({ ...deps, services: executorServices, routes: createRoutes(deps) });
}
