import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { BudgetAlert } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { BudgetAlertSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { ListAlertsResponseSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { Command, CommandContext } from "../command-context.js";
import { messageJson, messageJsonLine } from "../json-output.js";
import { usd } from "../money-text.js";
import { numberFlag, parseFlags } from "../parse-flags.js";
import { renderTable } from "../table.js";
import { parseMoment } from "../time-args.js";

const options = { since: { type: "string" }, tenant: { type: "string" }, watch: { type: "boolean" }, limit: { type: "string" } } as const;

const columns = [
  { header: "WHEN" },
  { header: "BUDGET" },
  { header: "THRESHOLD", align: "right" },
  { header: "SPENT", align: "right" },
  { header: "LIMIT", align: "right" },
] as const;

function rowOf(alert: BudgetAlert): string[] {
  return [
    alert.occurredAt ? timestampDate(alert.occurredAt).toISOString() : "",
    alert.budgetId,
    `${(alert.threshold * 100).toFixed(2)}%`,
    usd(alert.spentNanoUsd),
    usd(alert.limitNanoUsd),
  ];
}

async function watch(context: CommandContext, tenant: string, since: ReturnType<typeof parseMoment>): Promise<void> {
  for await (const { alert } of context.account.watchAlerts({ tenant, since }, { signal: context.signal })) {
    if (!alert) continue;
    context.output.out(context.json ? messageJsonLine(BudgetAlertSchema, alert) : `${rowOf(alert).join("  ")}\n`);
  }
}

/** `switchyard alerts`: budget alerts since a time (default the last day), or followed live with --watch. */
export const alertsCommand: Command = {
  name: "alerts",
  summary: "budget alerts: alerts [--since 24h] [--watch]",
  usage: `usage: switchyard alerts [--since 2026-06-01|24h] [--limit 100] [--tenant t (admins)] [--watch] [--json]
  --watch prints the stored alerts since --since (if given), then each new one as it fires (one JSON line each with --json).`,
  async run(args, context) {
    const { values } = parseFlags(args, options);
    const since = parseMoment("--since", values.since);
    const tenant = values.tenant ?? "";
    if (values.watch) return watch(context, tenant, since);
    const limit = numberFlag("limit", values.limit, 1, 1_000) ?? 0;
    const response = await context.account.listAlerts({ tenant, since, limit }, { signal: context.signal });
    context.output.out(context.json ? messageJson(ListAlertsResponseSchema, response) : renderTable(columns, response.alerts.map(rowOf)));
  },
};
