import { ReportDimension } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { Command } from "../command-context.js";
import { usd } from "../money-text.js";
import { parseFlags } from "../parse-flags.js";
import { renderTable } from "../table.js";
import { parseMoment } from "../time-args.js";
import { bucketByPeriod, periodOf, periods } from "./period-buckets.js";
import type { PeriodStats } from "./period-buckets.js";

const options = { period: { type: "string" }, from: { type: "string" }, to: { type: "string" }, tenant: { type: "string" } } as const;

const columns = [
  { header: "PERIOD" },
  { header: "REQUESTS", align: "right" },
  { header: "ATTEMPTS", align: "right" },
  { header: "ERROR RATE", align: "right" },
  { header: "TOKENS", align: "right" },
  { header: "COST", align: "right" },
  { header: "COST/REQUEST", align: "right" },
  { header: "SAVINGS", align: "right" },
] as const;

function rowOf(stats: PeriodStats): string[] {
  const errorRate = stats.attempts > 0n ? (Number(stats.errors) / Number(stats.attempts)) * 100 : 0;
  const perRequest = stats.requests > 0n ? stats.costNanoUsd / stats.requests : 0n;
  return [
    stats.period,
    String(stats.requests),
    String(stats.attempts),
    `${errorRate.toFixed(1)}%`,
    String(stats.tokens),
    usd(stats.costNanoUsd),
    usd(perRequest),
    usd(stats.savingsNanoUsd),
  ];
}

function statsJson(stats: readonly PeriodStats[]): string {
  const plain = stats.map((each) =>
    Object.fromEntries(Object.entries(each).map(([key, value]) => [key, typeof value === "bigint" ? value.toString() : value])),
  );
  return `${JSON.stringify({ periods: plain }, null, 2)}\n`;
}

/** `switchyard stats --period daily`: requests, error rate, cost and savings per period. */
export const statsCommand: Command = {
  name: "stats",
  summary: "requests, error rate, cost and savings per period: stats --period daily",
  usage: `usage: switchyard stats [--period ${periods.join("|")}] [--from 30d] [--to ...] [--tenant t (admins)] [--json]
  Days are the ledger's (its ledger.timeZone); weeks start on Monday. Money in --json is nano-USD.`,
  async run(args, context) {
    const { values } = parseFlags(args, options);
    const period = periodOf(values.period ?? "daily");
    const report = await context.account.report(
      {
        groupBy: [ReportDimension.DAY],
        start: parseMoment("--from", values.from),
        end: parseMoment("--to", values.to),
        tenant: values.tenant ?? "",
      },
      { signal: context.signal },
    );
    const stats = bucketByPeriod(report.rows, period);
    context.output.out(context.json ? statsJson(stats) : renderTable(columns, stats.map(rowOf)));
  },
};
