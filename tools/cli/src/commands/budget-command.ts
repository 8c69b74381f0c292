import { timestampDate } from "@bufbuild/protobuf/wkt";
import { BudgetPeriod, BudgetScope, GetBudgetResponseSchema, SetBudgetResponseSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { BudgetStatus } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { parseUsd } from "@switchyard/runtime/money";
import type { Command, CommandContext } from "../command-context.js";
import { messageJson } from "../json-output.js";
import { usd } from "../money-text.js";
import { listOf, numberFlag, parseFlags } from "../parse-flags.js";
import type { ParsedFlags } from "../parse-flags.js";
import { renderTable } from "../table.js";
import { UsageError } from "../usage-error.js";

const options = {
  tenant: { type: "string" },
  "limit-usd": { type: "string" },
  period: { type: "string" },
  scope: { type: "string" },
  id: { type: "string" },
  "cap-usd": { type: "string" },
  alert: { type: "string", multiple: true },
  "time-zone": { type: "string" },
} as const;

const periods: Record<string, BudgetPeriod> = {
  daily: BudgetPeriod.DAILY,
  weekly: BudgetPeriod.WEEKLY,
  monthly: BudgetPeriod.MONTHLY,
  total: BudgetPeriod.TOTAL,
};
const scopes: Record<string, BudgetScope> = {
  tenant: BudgetScope.TENANT,
  "api-key": BudgetScope.API_KEY,
  project: BudgetScope.PROJECT,
  "task-type": BudgetScope.TASK_TYPE,
};

const columns = [
  { header: "BUDGET" },
  { header: "PERIOD" },
  { header: "LIMIT", align: "right" },
  { header: "SPENT", align: "right" },
  { header: "RESERVED", align: "right" },
  { header: "REMAINING", align: "right" },
  { header: "USED", align: "right" },
  { header: "RESETS" },
] as const;

function rowOf(status: BudgetStatus): string[] {
  const limit = status.budget?.limitNanoUsd ?? 0n;
  const used = limit > 0n ? `${(Number((status.spentNanoUsd * 10_000n) / limit) / 100).toFixed(2)}%` : "-";
  return [
    status.budgetId,
    (BudgetPeriod[status.budget?.period ?? 0] ?? "").toLowerCase(),
    usd(limit),
    usd(status.spentNanoUsd),
    usd(status.reservedNanoUsd),
    usd(status.remainingNanoUsd),
    used,
    status.resetsAt ? timestampDate(status.resetsAt).toISOString() : "never",
  ];
}

function money(flag: string, value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  try {
    return parseUsd(value);
  } catch (error) {
    throw new UsageError(`--${flag}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function choice<T>(flag: string, table: Record<string, T>, value: string): T {
  const found = table[value];
  if (found === undefined) throw new UsageError(`--${flag}: unknown value "${value}" (use ${Object.keys(table).join(", ")})`);
  return found;
}

async function setBudget(values: ParsedFlags<typeof options>["values"], context: CommandContext): Promise<void> {
  const limit = money("limit-usd", values["limit-usd"]);
  if (limit === undefined || !values.tenant)
    throw new UsageError("budget set needs --tenant and --limit-usd (e.g. --tenant acme --limit-usd 100 --period monthly)");
  const scope = choice("scope", scopes, values.scope ?? "tenant");
  if (scope !== BudgetScope.TENANT && !values.id) throw new UsageError(`--scope ${values.scope} needs --id (the key id, project name or task type)`);
  const thresholds = listOf(values.alert).map((each) => numberFlag("alert", each, 0.000001, 10)!);
  const response = await context.account.setBudget(
    {
      budget: {
        tenant: values.tenant,
        scope,
        scopeId: values.id ?? "",
        limitNanoUsd: limit,
        period: choice("period", periods, values.period ?? "monthly"),
        timeZone: values["time-zone"] ?? "",
        perRequestCapNanoUsd: money("cap-usd", values["cap-usd"]),
        alertThresholds: thresholds,
      },
    },
    { signal: context.signal },
  );
  context.output.out(context.json ? messageJson(SetBudgetResponseSchema, response) : renderTable(columns, response.budget ? [rowOf(response.budget)] : []));
}

/** `switchyard budget get|set`: the caller's budgets, or a new limit (admin keys only). */
export const budgetCommand: Command = {
  name: "budget",
  summary: "budgets with spend and what is left: budget get | budget set (admins)",
  usage: `usage: switchyard budget get [--tenant t (admins)] [--json]
       switchyard budget set --tenant t --limit-usd 100 [--period daily|weekly|monthly|total]
                             [--scope tenant|api-key|project|task-type --id x] [--cap-usd 5] [--alert 0.5,0.8,1] [--time-zone Europe/Paris]`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, options);
    const action = positionals[0] ?? "get";
    if (positionals.length > 1 || (action !== "get" && action !== "set"))
      throw new UsageError(`budget: expected "get" or "set", got "${positionals.join(" ")}"`);
    if (action === "set") return setBudget(values, context);
    const response = await context.account.getBudget({ tenant: values.tenant ?? "" }, { signal: context.signal });
    context.output.out(context.json ? messageJson(GetBudgetResponseSchema, response) : renderTable(columns, response.budgets.map(rowOf)));
  },
};
