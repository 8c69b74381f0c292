import type { ConnectRouter } from "@connectrpc/connect";
import { SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import type { SelectorDeps } from "./service.js";
import { createSelectorService } from "./service.js";

/** The RPCs the selector serves. */
export const selectorServices = [SelectorService] as const;

/** Registers SelectorService on a router. */
export function createRoutes(deps: SelectorDeps): (router: ConnectRouter) => void {
  return (router) => {
    router.service(SelectorService, createSelectorService(deps));
  };
}
