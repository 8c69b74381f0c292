import type { Client } from "@connectrpc/connect";
import type { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import type { Logger } from "@switchyard/runtime";
import type { ModelAccess } from "../model-access.js";

/**
 * What AccountService proxies to: the ledger for spend, budgets and alerts; the executor for
 * models; the selector for the tenant's per-task quality estimates.
 */
export interface AccountDeps {
  readonly ledger: Client<typeof LedgerService>;
  readonly executor: Client<typeof ExecutorService>;
  readonly selector: Client<typeof SelectorService>;
  readonly access: ModelAccess;
  readonly logger: Logger;
}
