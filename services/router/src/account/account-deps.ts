import type { Client } from "@connectrpc/connect";
import type { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { ModelAccess } from "../model-access.js";

/** What AccountService proxies to: the ledger for spend, budgets and alerts; the executor for models. */
export interface AccountDeps {
  readonly ledger: Client<typeof LedgerService>;
  readonly executor: Client<typeof ExecutorService>;
  readonly access: ModelAccess;
}
