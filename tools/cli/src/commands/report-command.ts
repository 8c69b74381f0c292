import { ReportDimension, ReportResponseSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { ReportResponse, ReportRow } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { Command } from "../command-context.js";
import { messageJson } from "../json-output.js";
import { usd } from "../money-text.js";
import { listOf, parseFlags } from "../parse-flags.js";
import { renderTable } from "../table.js";
import type { Column } from "../table.js";
import { parseMoment } from "../time-args.js";
import { UsageError } from "../usage-error.js";
import { dimensionNames, dimensionsOf } from "./report-dimensions.js";

const options = {
  by: { type: "string", multiple: true },
  from: { type: "string" },
  to: { type: "string" },
  tenant: { type: "string" },
  tag: { type: "string" },
  baseline: { type: "string" },
} as const;

const figures: readonly Column[] = [
  { header: "REQUESTS", align: "right" },
  { header: "ATTEMPTS", align: "right" },
  { header: "ERRORS", align: "right" },
  { header: "TOKENS IN", align: "right" },
  { header: "TOKENS OUT", align: "right" },
  { header: "COST", align: "right" },
  { header: "BASELINE", align: "right" },
  { header: "SAVINGS", align: "right" },
];

function figuresOf(row: ReportRow | undefined): string[] {
  if (!row) return [];
  return [
    String(row.requests),
    String(row.attempts),
    String(row.errors),
    String(row.inputTokens),
    String(row.outputTokens),
    usd(row.costNanoUsd),
    usd(row.baselineCostNanoUsd),
    usd(row.savingsNanoUsd),
  ];
}

/** The report as a table: one column per group key, the figures, and a total line. */
export function reportTable(report: ReportResponse): string {
  const keys = [...new Set(report.rows.flatMap((row) => Object.keys(row.group)))];
  const columns = [...keys.map((key) => ({ header: key.toUpperCase() })), ...figures];
  const rows = report.rows.map((row) => [...keys.map((key) => row.group[key] || "-"), ...figuresOf(row)]);
  const total = [...keys.map((_, index) => (index === 0 ? "TOTAL" : "")), ...figuresOf(report.total)];
  const baseline = report.baselineModel ? `savings against ${report.baselineModel}\n` : "";
  return renderTable(columns, [...rows, total]) + baseline;
}

/** `switchyard report --by model,day`: spend grouped by any dimension, with savings. */
export const reportCommand: Command = {
  name: "report",
  summary: "spend grouped by dimensions: report --by model,day [--from] [--to]",
  usage: `usage: switchyard report [--by ${dimensionNames.join(",")}] [--tag key] [--from 2026-06-01|7d] [--to ...]
                        [--tenant t (admins)] [--baseline model] [--json]
  --by tag groups by the value of the tag named with --tag.`,
  async run(args, context) {
    const { values } = parseFlags(args, options);
    const groupBy = dimensionsOf(listOf(values.by ?? ["model"]));
    if (groupBy.includes(ReportDimension.TAG) && !values.tag) throw new UsageError("--by tag needs --tag <key>");
    const report = await context.account.report(
      {
        groupBy,
        tagKey: values.tag ?? "",
        start: parseMoment("--from", values.from),
        end: parseMoment("--to", values.to),
        tenant: values.tenant ?? "",
        baselineModel: values.baseline ?? "",
      },
      { signal: context.signal },
    );
    context.output.out(context.json ? messageJson(ReportResponseSchema, report) : reportTable(report));
  },
};
