import type { ConnectRouter } from "@connectrpc/connect";
import { CriticService } from "@switchyard/contracts/switchyard/v1/critic_pb";
import type { CriticDeps } from "./critic-deps.js";
import type { CriticMetrics } from "./critic-metrics.js";
import { createCriticService } from "./service.js";

/** The RPCs the critic serves. */
export const criticServices = [CriticService] as const;

/** Registers CriticService on a router. */
export function createRoutes(deps: CriticDeps, metrics: CriticMetrics): (router: ConnectRouter) => void {
  return (router) => {
    router.service(CriticService, createCriticService(deps, metrics));
  };
}
