import type { ConnectRouter } from "@connectrpc/connect";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RouterDeps } from "./router-deps.js";
import type { RouterMetrics } from "./router-metrics.js";
import { createRouterService } from "./service.js";

/** The RPCs the router serves. */
export const routerServices = [RouterService] as const;

/** Registers RouterService on a router. */
export function createRoutes(deps: RouterDeps, metrics?: RouterMetrics): (router: ConnectRouter) => void {
  return (router) => {
    router.service(RouterService, createRouterService(deps, metrics));
  };
}
