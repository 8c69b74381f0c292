import type { ConnectRouter } from "@connectrpc/connect";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { LedgerDeps } from "./service.js";
import { createLedgerService } from "./service.js";

/** The RPCs the ledger serves. */
export const ledgerServices = [LedgerService] as const;

/** Registers LedgerService on a router. */
export function createRoutes(deps: LedgerDeps): (router: ConnectRouter) => void {
  return (router) => {
    router.service(LedgerService, createLedgerService(deps));
  };
}
