import type { ConnectRouter } from "@connectrpc/connect";
import { AccountService } from "@switchyard/contracts/switchyard/v1/account_pb";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { createAccountService } from "./account/account-service.js";
import type { RouterDeps } from "./router-deps.js";
import type { RouterMetrics } from "./router-metrics.js";
import { createRouterService } from "./service.js";

/** The RPCs the router serves. */
export const routerServices = [RouterService, AccountService] as const;

/** Registers RouterService and AccountService on a router. */
export function createRoutes(deps: RouterDeps, metrics?: RouterMetrics): (router: ConnectRouter) => void {
  return (router) => {
    router.service(RouterService, createRouterService(deps, metrics));
    router.service(AccountService, createAccountService(deps));
  };
}
