import type { BudgetAlert } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { ModelPrice } from "@switchyard/pricing";
import type { KeyDirectory, ModelConfig } from "@switchyard/runtime";
import type { AccountBook } from "../accounts/account-book.js";
import type { AlertQuery } from "../alerts/alert-history.js";
import type { LedgerMetrics } from "../ledger-metrics.js";
import type { SpendIndex } from "../reports/spend-index.js";
import type { DeadLetterLog } from "../webhooks/dead-letter-log.js";
import type { WebhookDirectory } from "../webhooks/webhook-directory.js";

/** Limits on reservation lifetimes. */
export interface ReservationTtl {
  readonly defaultSeconds: number;
  readonly maxSeconds: number;
  /** Lifetime of a budget lease whose request names none. */
  readonly leaseDefaultSeconds: number;
}

/** What the ledger's RPCs need; main.ts wires the real ones, tests their own. */
export interface LedgerDeps {
  readonly book: AccountBook;
  readonly index: SpendIndex;
  readonly directory: KeyDirectory;
  /** Configured models, for baseline prices. */
  readonly models: Readonly<Record<string, ModelConfig>>;
  /** A model's price (catalog or config, as the executor bills it); undefined when unpriced. */
  readonly priceOf: (model: string) => ModelPrice | undefined;
  readonly baselineModel: string | undefined;
  /** Zone of budget periods that name none, and of the report's day dimension. */
  readonly timeZone: string;
  readonly reservationTtl: ReservationTtl;
  /** Live alerts of a tenant (all for undefined) until the signal aborts. */
  readonly watchAlerts: (tenant: string | undefined, signal: AbortSignal) => AsyncIterable<BudgetAlert>;
  /** Stored alerts since a time, oldest first. */
  readonly listAlerts: (query: AlertQuery) => Promise<BudgetAlert[]>;
  /** With a token, `x-switchyard-tenant` is believed only from calls that carry it. */
  readonly meshToken: string | undefined;
  readonly ledgerMetrics: LedgerMetrics;
  /** The tenants' alert webhooks (API-set over configured) and the deliveries given up. */
  readonly webhooks: WebhookDirectory;
  readonly deadLetters: DeadLetterLog;
}
