import { AccountServiceListModelsResponseSchema } from "@switchyard/contracts/switchyard/v1/account_pb";
import type { AccountModel } from "@switchyard/contracts/switchyard/v1/account_pb";
import { BreakerState } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { Command } from "../command-context.js";
import { messageJson } from "../json-output.js";
import { perMillion } from "../money-text.js";
import { parseFlags } from "../parse-flags.js";
import { renderTable } from "../table.js";

const columns = [
  { header: "MODEL" },
  { header: "PROVIDER" },
  { header: "TIER" },
  { header: "IN $/MTOK", align: "right" },
  { header: "OUT $/MTOK", align: "right" },
  { header: "CONTEXT", align: "right" },
  { header: "BREAKER" },
  { header: "REQ LEFT", align: "right" },
  { header: "P50 MS", align: "right" },
  { header: "ERRORS", align: "right" },
  { header: "QUALITY BY TASK" },
] as const;

/** The tenant's estimate per task type, "code 0.82 (12)" each, best evidenced first. */
function taskQualityText(taskQuality: AccountModel["taskQuality"]): string {
  const entries = Object.entries(taskQuality).sort(([, left], [, right]) => Number(right.observations - left.observations));
  if (entries.length === 0) return "-";
  return entries.map(([task, estimate]) => `${task || "other"} ${estimate.quality.toFixed(2)} (${estimate.observations})`).join(", ");
}

function rowOf({ state, tier, taskQuality }: AccountModel): string[] {
  const price = state?.price;
  const limited = (state?.requestsPerMinute ?? 0) > 0;
  return [
    `${state?.model ?? ""}${state?.simulated ? " (simulated)" : ""}`,
    state?.provider ?? "",
    tier || "-",
    price ? perMillion(price.inputNanoUsdPerMtok) : "-",
    price ? perMillion(price.outputNanoUsdPerMtok) : "-",
    String(state?.contextWindow ?? 0),
    (BreakerState[state?.breakerState ?? 0] ?? "").toLowerCase(),
    limited ? String(state?.remainingRequests ?? 0) : "no limit",
    (state?.recentLatencyP50Ms ?? 0).toFixed(0),
    `${((state?.recentErrorRate ?? 0) * 100).toFixed(1)}%`,
    taskQualityText(taskQuality),
  ];
}

/** `switchyard models`: the models the caller may use, with price and live state. */
export const modelsCommand: Command = {
  name: "models",
  summary: "the models you may use, with price, context window, tier and live state",
  usage:
    "usage: switchyard models [--json]\n  Breaker, requests left in the rate window, p50 latency and error rate come from the executor now;\n  quality by task is your routing state's estimate per task type, with how many of your outcomes it rests on.",
  async run(args, context) {
    parseFlags(args, {});
    const response = await context.account.listModels({}, { signal: context.signal });
    if (context.json) return context.output.out(messageJson(AccountServiceListModelsResponseSchema, response));
    context.output.out(renderTable(columns, response.models.map(rowOf)));
  },
};
