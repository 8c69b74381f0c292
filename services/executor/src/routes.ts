import type { ConnectRouter } from "@connectrpc/connect";
import { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { ExecutorDeps } from "./service.js";
import { createExecutorService } from "./service.js";

/** The RPCs the executor serves. */
export const executorServices = [ExecutorService] as const;

/** Registers ExecutorService on a router. */
export function createRoutes(deps: ExecutorDeps): (router: ConnectRouter) => void {
  return (router) => {
    router.service(ExecutorService, createExecutorService(deps));
  };
}
