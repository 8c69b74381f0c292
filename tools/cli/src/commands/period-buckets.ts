import type { ReportRow } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { UsageError } from "../usage-error.js";

/** The periods `stats --period` accepts. */
export const periods = ["daily", "weekly", "monthly"] as const;
export type Period = (typeof periods)[number];

/** One period's figures (money in nano-USD). */
export interface PeriodStats {
  readonly period: string;
  requests: bigint;
  attempts: bigint;
  errors: bigint;
  tokens: bigint;
  costNanoUsd: bigint;
  savingsNanoUsd: bigint;
}

/** Checks a `--period` value. */
export function periodOf(value: string): Period {
  if ((periods as readonly string[]).includes(value)) return value as Period;
  throw new UsageError(`--period: unknown period "${value}" (use ${periods.join(", ")})`);
}

/** The period a day ("2026-06-10", in the ledger's zone) falls in: itself, its ISO week's Monday, or its month. */
export function periodKey(day: string, period: Period): string {
  if (period === "daily") return day;
  if (period === "monthly") return day.slice(0, 7);
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return `week of ${date.toISOString().slice(0, 10)}`;
}

/**
 * Day rows of a report summed per period. Requests are distinct per day; a request whose
 * attempts straddle midnight counts on both days (rare, and said in the usage text).
 */
export function bucketByPeriod(rows: readonly ReportRow[], period: Period): PeriodStats[] {
  const buckets = new Map<string, PeriodStats>();
  for (const row of rows) {
    const key = periodKey(row.group["day"] ?? "", period);
    let stats = buckets.get(key);
    if (!stats) buckets.set(key, (stats = { period: key, requests: 0n, attempts: 0n, errors: 0n, tokens: 0n, costNanoUsd: 0n, savingsNanoUsd: 0n }));
    stats.requests += row.requests;
    stats.attempts += row.attempts;
    stats.errors += row.errors;
    stats.tokens += row.totalTokens;
    stats.costNanoUsd += row.costNanoUsd;
    stats.savingsNanoUsd += row.savingsNanoUsd;
  }
  return [...buckets.values()].sort((left, right) => left.period.localeCompare(right.period));
}
