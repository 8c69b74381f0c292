import type { MessageInitShape } from "@bufbuild/protobuf";
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { ReportDimension } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { describe, expect, it } from "vitest";
import { buildReport } from "./report-builder.js";
import { SpendIndex } from "./spend-index.js";

const day1 = Date.parse("2026-06-10T23:30:00Z");
const day2 = Date.parse("2026-06-11T08:00:00Z");

function event(eventId: string, fields: Omit<MessageInitShape<typeof CostEventSchema>, "$typeName">): CostEvent {
  return create(CostEventSchema, {
    eventId,
    tenant: "acme",
    model: "small",
    provider: "sim",
    costNanoUsd: 100n,
    billed: true,
    outcome: AttemptOutcome.SUCCEEDED,
    usage: { inputTokens: 1_000n, outputTokens: 500n, totalTokens: 1_500n },
    occurredAt: timestampFromMs(day1),
    ...fields,
  });
}

function indexOf(events: CostEvent[]): SpendIndex {
  const index = new SpendIndex();
  for (const each of events) index.add(each);
  return index;
}

// Baseline: 2 USD per million input tokens, 8 per million output: 1000 in + 500 out = 6_000_000 nano-USD.
const baseline = {
  model: "large",
  price: {
    inputPerMillion: 2_000_000_000n,
    cachedInputPerMillion: 2_000_000_000n,
    cacheWritePerMillion: 2_000_000_000n,
    outputPerMillion: 8_000_000_000n,
    tiers: [],
    source: "config" as const,
  },
};

describe("buildReport", () => {
  const cascade = [
    event("r1-a", { requestId: "r1", model: "small", outcome: AttemptOutcome.FAILED, billed: false, costNanoUsd: 0n, errorCode: "unavailable" }),
    event("r1-b", { requestId: "r1", model: "medium", costNanoUsd: 700n }),
    event("r2-a", { requestId: "r2", model: "small", costNanoUsd: 100n, apiKeyId: "k1", tags: { project: "search" }, occurredAt: timestampFromMs(day2) }),
  ];

  it("groups by the asked dimensions and counts requests, attempts and errors", () => {
    const report = buildReport(indexOf(cascade).select(undefined, 0, Number.MAX_SAFE_INTEGER), {
      groupBy: [ReportDimension.MODEL],
      timeZone: "UTC",
      baseline: undefined,
    });
    expect(report.rows.map((row) => [row.group["model"], row.costNanoUsd, row.attempts, row.errors, row.requests])).toEqual([
      ["medium", 700n, 1n, 0n, 1n],
      ["small", 100n, 2n, 1n, 2n],
    ]);
    expect(report.total).toMatchObject({ costNanoUsd: 800n, requests: 2n, attempts: 3n, errors: 1n, totalTokens: 4_500n });
  });

  it("groups by the value of one tag, empty for events without it", () => {
    const events = [...cascade, event("r3-a", { requestId: "r3", costNanoUsd: 5n, tags: { project: "ads", team: "red" } })];
    const report = buildReport(indexOf(events).select(undefined, 0, Number.MAX_SAFE_INTEGER), {
      groupBy: [ReportDimension.TAG],
      timeZone: "UTC",
      baseline: undefined,
      tagKey: "team",
    });
    expect(report.rows.map((row) => [row.group, row.costNanoUsd])).toEqual([
      [{ "tag:team": "" }, 800n],
      [{ "tag:team": "red" }, 5n],
    ]);
  });

  it("prices each answered request once at the baseline and reports the savings", () => {
    const report = buildReport(indexOf(cascade).select(undefined, 0, Number.MAX_SAFE_INTEGER), {
      groupBy: [ReportDimension.TENANT],
      timeZone: "UTC",
      baseline,
    });
    expect(report.baselineModel).toBe("large");
    expect(report.total).toMatchObject({ baselineCostNanoUsd: 12_000_000n, savingsNanoUsd: 12_000_000n - 800n });
  });

  it("splits days in the configured zone, and by key and project", () => {
    const rows = buildReport(indexOf(cascade).select(undefined, 0, Number.MAX_SAFE_INTEGER), {
      groupBy: [ReportDimension.DAY, ReportDimension.API_KEY, ReportDimension.PROJECT],
      timeZone: "Europe/Paris",
      baseline: undefined,
    }).rows;
    expect(rows.map((row) => row.group)).toEqual([
      { day: "2026-06-11", api_key: "", project: "" },
      { day: "2026-06-11", api_key: "k1", project: "search" },
    ]);
  });

  it("selects a time range and a tenant, and indexes an event id once", () => {
    const index = indexOf([...cascade, event("r1-b", { costNanoUsd: 999n }), event("other", { tenant: "globex" })]);
    expect(index.size).toBe(4);
    const range = buildReport(index.select("acme", day2, day2 + 1), { groupBy: [ReportDimension.TENANT], timeZone: "UTC", baseline: undefined });
    expect(range.total?.costNanoUsd).toBe(100n);
    expect(buildReport(index.select("globex", 0, Number.MAX_SAFE_INTEGER), { groupBy: [], timeZone: "UTC", baseline: undefined }).total?.attempts).toBe(1n);
  });
});
