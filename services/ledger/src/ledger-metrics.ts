import { Counter, Gauge } from "prom-client";
import type { Registry } from "prom-client";

/** What the ledger counts besides the RPC metrics every service has. */
export interface LedgerMetrics {
  reservation(outcome: "granted" | "refused"): void;
  settled(): void;
  lease(outcome: "granted" | "refused" | "renewed" | "returned"): void;
  /** One webhook delivery attempt of an alert, by how it ended. */
  webhook(outcome: WebhookOutcome): void;
}

/** How a webhook delivery attempt ended: delivered, to be retried, or given up (dead letter). */
export type WebhookOutcome = "delivered" | "retrying" | "dead_lettered";

/** Where gauges read their current values. */
export interface LedgerGaugeSources {
  /** Revision conflicts between replicas so far. */
  conflicts(): number;
  /** COSTS stream sequence up to which everything is settled. */
  settledThrough(): number;
}

/**
 * Registers the ledger's metrics: reservations by outcome, settled cost events, account write
 * conflicts (two replicas writing one tenant) and the settled stream sequence (compare it with
 * the stream's last sequence to see settlement lag).
 */
export function createLedgerMetrics(registry: Registry, sources: LedgerGaugeSources): LedgerMetrics {
  const reservations = new Counter({ name: "ledger_reservations_total", help: "Reserve calls by outcome.", labelNames: ["outcome"], registers: [registry] });
  const settled = new Counter({
    name: "ledger_cost_events_settled_total",
    help: "Distinct cost events settled by this replica's consumer.",
    registers: [registry],
  });
  new Gauge({
    name: "ledger_account_write_conflicts",
    help: "Account writes that lost a revision check and were re-applied.",
    registers: [registry],
    collect() {
      this.set(sources.conflicts());
    },
  });
  new Gauge({
    name: "ledger_settled_stream_sequence",
    help: "COSTS stream sequence up to which every event is settled.",
    registers: [registry],
    collect() {
      this.set(sources.settledThrough());
    },
  });
  const leases = new Counter({ name: "ledger_leases_total", help: "Budget lease calls by outcome.", labelNames: ["outcome"], registers: [registry] });
  const webhooks = new Counter({
    name: "ledger_webhook_deliveries_total",
    help: "Alert webhook delivery attempts by outcome.",
    labelNames: ["outcome"],
    registers: [registry],
  });
  return {
    reservation: (outcome) => reservations.inc({ outcome }),
    settled: () => settled.inc(),
    lease: (outcome) => leases.inc({ outcome }),
    webhook: (outcome) => webhooks.inc({ outcome }),
  };
}

/** Metrics that record nothing (tests that do not look at them). */
export const noLedgerMetrics: LedgerMetrics = { reservation: () => undefined, settled: () => undefined, lease: () => undefined, webhook: () => undefined };
