import type { UnaryCaller } from "./grpc-js-client.js";

/** What the provider simulator counted for one model: the independent tally of provider calls. */
export interface SimModelStats {
  readonly requests: number;
  readonly completed: number;
  readonly aborted: number;
  readonly faults: number;
}

/** The simulator's per-model counters (GET /_sim/stats). */
export async function simStats(simUrl: string): Promise<Record<string, SimModelStats>> {
  return (await (await fetch(`${simUrl}/_sim/stats`)).json()) as Record<string, SimModelStats>;
}

/** One model's line in a ledger report. */
export interface LedgerLine {
  readonly attempts: bigint;
  readonly costNanoUsd: bigint;
}

interface ReportRow {
  group: Record<string, string>;
  attempts: string;
  costNanoUsd: string;
}

/**
 * A ledger's spend per model over every tenant (its Report, through the independent grpc-js
 * client), read with `adminKey` when traffic spans tenants; without it, the dev tenant's.
 */
export async function ledgerByModel(ledger: UnaryCaller, adminKey?: string): Promise<Record<string, LedgerLine>> {
  const options = adminKey ? { deadlineMs: 5_000, metadata: { authorization: `Bearer ${adminKey}` } } : { deadlineMs: 5_000 };
  const report = await ledger.call<{ rows: ReportRow[] }>("Report", { groupBy: ["REPORT_DIMENSION_MODEL"] }, options);
  return Object.fromEntries(report.rows.map((row) => [row.group["model"] ?? "", { attempts: BigInt(row.attempts), costNanoUsd: BigInt(row.costNanoUsd) }]));
}

/** The COSTS stream as one NATS node's monitoring endpoint sees it. */
export interface StreamState {
  readonly messages: number;
  readonly replicas: number;
  readonly leader: string;
}

interface JszStream {
  name: string;
  state: { messages: number };
  config?: { num_replicas?: number };
  cluster?: { leader?: string };
}

/** Reads a stream's state from NATS monitoring (/jsz), or undefined when the node does not know it. */
export async function streamState(monitorPort: number, stream: string): Promise<StreamState | undefined> {
  const response = await fetch(`http://127.0.0.1:${monitorPort}/jsz?accounts=true&streams=true&config=true`);
  const body = (await response.json()) as { account_details?: { stream_detail?: JszStream[] }[] };
  const found = (body.account_details ?? []).flatMap((account) => account.stream_detail ?? []).find((each) => each.name === stream);
  if (!found) return undefined;
  return { messages: found.state.messages, replicas: found.config?.num_replicas ?? 1, leader: found.cluster?.leader ?? "" };
}

/** One budget as GetBudget reports it (money as decimal strings of nano-USD). */
export interface BudgetFigures {
  readonly budgetId: string;
  readonly spentNanoUsd: bigint;
  readonly reservedNanoUsd: bigint;
  readonly limitNanoUsd: bigint;
}

/** A tenant's budgets, read with an admin key. */
export async function budgetsOf(ledger: UnaryCaller, tenant: string, adminKey: string): Promise<BudgetFigures[]> {
  const response = await ledger.call<{ budgets: { budgetId: string; spentNanoUsd: string; reservedNanoUsd: string; budget: { limitNanoUsd: string } }[] }>(
    "GetBudget",
    { tenant },
    { deadlineMs: 5_000, metadata: { authorization: `Bearer ${adminKey}` } },
  );
  return response.budgets.map((status) => ({
    budgetId: status.budgetId,
    spentNanoUsd: BigInt(status.spentNanoUsd),
    reservedNanoUsd: BigInt(status.reservedNanoUsd),
    limitNanoUsd: BigInt(status.budget.limitNanoUsd),
  }));
}
