import type { ConnectRouter } from "@connectrpc/connect";
import { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { ExecutorMetrics } from "./executor-metrics.js";
import type { ExecutorDeps } from "./service.js";
import { createExecutorService } from "./service.js";

/** The RPCs the executor serves. */
export const executorServices = [ExecutorService] as const;

/** Registers ExecutorService on a router. */
export function createRoutes(deps: ExecutorDeps, metrics: ExecutorMetrics): (router: ConnectRouter) => void {
  return (router) => {
    router.service(ExecutorService, createExecutorService(deps, metrics));
  };
}
