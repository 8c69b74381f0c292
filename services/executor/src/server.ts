import { BreakerState } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { createCallerInterceptor, createServiceHost } from "@switchyard/runtime";
import type { HostDeps, ServiceHost } from "@switchyard/runtime";
import { createExecutorMetrics } from "./executor-metrics.js";
import { createRoutes, executorServices } from "./routes.js";
import type { ExecutorDeps } from "./service.js";

const breakerPosition: Partial<Record<BreakerState, number>> = { [BreakerState.OPEN]: 1, [BreakerState.HALF_OPEN]: 2 };

/** The executor as a startable server, free of side effects until `start` (tests use port 0). */
export function build(deps: ExecutorDeps & HostDeps): ServiceHost {
  const models = [...deps.models.values()];
  const metrics = createExecutorMetrics(deps.metrics.registry, {
    outboxPending: () => deps.costs.pending,
    breakerPositions: () => new Map(models.map(({ deployment, guards }) => [deployment.model, breakerPosition[guards.breaker.view().state] ?? 0])),
    inFlight: () => new Map(models.map(({ deployment, guards }) => [deployment.model, guards.gate.inFlight])),
  });
  return createServiceHost({
    ...deps,
    services: executorServices,
    routes: createRoutes(deps, metrics),
    // Mesh peers only (the mesh token); health and reflection stay open for probes.
    interceptors: [
      createCallerInterceptor({ accept: "mesh", meshToken: deps.meshToken, services: executorServices, metrics: deps.metrics }),
      ...(deps.interceptors ?? []),
    ],
  });
}
