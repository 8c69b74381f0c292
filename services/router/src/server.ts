import type { Interceptor } from "@connectrpc/connect";
import {
  createErrorInterceptor,
  createLoggingInterceptor,
  createRequestContextInterceptor,
  createServerTracingInterceptor,
  createServiceHost,
} from "@switchyard/runtime";
import type { DualProtocolListener, HostDeps, ServiceHost } from "@switchyard/runtime";
import type { DoorListenOptions } from "./http-door/door-server.js";
import { startHttpDoor } from "./http-door/door-server.js";
import type { DoorMount } from "./http-door/door-route.js";
import { createInProcessRouterCalls } from "./http-door/router-call.js";
import type { RouterDeps } from "./router-deps.js";
import { createRouterMetrics } from "./router-metrics.js";
import { createRoutes, routerServices } from "./routes.js";
import type { KeyDirectory } from "./tenant-auth.js";
import { createTenantAuthInterceptor } from "./tenant-auth.js";

/** What the router's build() needs: its strategies' peers, the host's, and the key directory. */
export type RouterBuildDeps = RouterDeps &
  HostDeps & {
    readonly keys: KeyDirectory;
    /** Largest HTTP door request body, in bytes. */
    readonly httpMaxBodyBytes?: number;
    /** Extra HTTP handlers on the door's port, by path prefix (the dashboard's `/dashboard`). */
    readonly httpMounts?: readonly DoorMount[];
  };

/** The router: its gRPC host, and the HTTP door that serves the same RPCs to OpenAI/Anthropic clients. */
export interface RouterHost extends ServiceHost {
  /** Starts the HTTP door on its own port; the caller stops it (main.ts, tests). */
  startHttpDoor(listen: DoorListenOptions): Promise<DualProtocolListener>;
}

/** The router as a startable server, free of side effects until `start` (tests use port 0). */
export function build(deps: RouterBuildDeps): RouterHost {
  const routes = createRoutes(deps, createRouterMetrics(deps.metrics.registry));
  const authentication: Interceptor[] = [createTenantAuthInterceptor(deps.keys, deps.metrics), ...(deps.interceptors ?? [])];
  const host = createServiceHost({ ...deps, services: routerServices, routes, interceptors: authentication });
  return {
    start: (listen) => host.start(listen),
    startHttpDoor(listen) {
      // The gRPC port's interceptors, in its order: an HTTP call is served exactly like an RPC.
      const interceptors = [
        createServerTracingInterceptor(),
        createRequestContextInterceptor(),
        createLoggingInterceptor(deps.logger),
        createErrorInterceptor(deps.logger),
        ...authentication,
      ];
      const router = createInProcessRouterCalls(routes, interceptors);
      const doorDeps = {
        router,
        access: deps.access,
        keys: deps.keys,
        pricing: deps.pricing,
        logger: deps.logger,
        maxBodyBytes: deps.httpMaxBodyBytes ?? defaultMaxBodyBytes,
      };
      return startHttpDoor(doorDeps, deps.httpMounts ?? [], listen);
    },
  };
}

/** 20 MiB: room for a few images as data URLs. */
const defaultMaxBodyBytes = 20 * 1024 * 1024;
