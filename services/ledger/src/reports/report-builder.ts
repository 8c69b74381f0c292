import { create } from "@bufbuild/protobuf";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { ReportDimension, ReportResponseSchema, ReportRowSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { ReportResponse, ReportRow } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { localDay } from "../budgets/budget-period.js";
import { projectTag } from "../accounts/settlement-rules.js";
import { baselineCost } from "./baseline-price.js";
import type { BaselinePrice } from "./baseline-price.js";
import type { IndexedEvent } from "./spend-index.js";
import type { ShadowTotals } from "./shadow-totals.js";
import { addShadow, emptyShadowTotals, servedCosts, shadowColumns, shadowOf } from "./shadow-totals.js";

/** How to group and price a report. */
export interface ReportShape {
  readonly groupBy: readonly ReportDimension[];
  /** Zone of the day dimension. */
  readonly timeZone: string;
  readonly baseline: BaselinePrice | undefined;
  /** The tag REPORT_DIMENSION_TAG groups by. */
  readonly tagKey?: string;
}

/** Dimension names as they appear in a row's `group` map. */
export const dimensionNames: Partial<Record<ReportDimension, string>> = {
  [ReportDimension.TENANT]: "tenant",
  [ReportDimension.API_KEY]: "api_key",
  [ReportDimension.MODEL]: "model",
  [ReportDimension.PROVIDER]: "provider",
  [ReportDimension.STRATEGY]: "strategy",
  [ReportDimension.TASK_TYPE]: "task_type",
  [ReportDimension.DAY]: "day",
  [ReportDimension.PROJECT]: "project",
  [ReportDimension.TAG]: "tag",
};

/** A dimension's key in a row's `group` map; the tag dimension names its tag ("tag:team"). */
function groupKey(dimension: ReportDimension, tagKey: string | undefined): string {
  const name = dimensionNames[dimension] ?? "";
  return dimension === ReportDimension.TAG ? `${name}:${tagKey ?? ""}` : name;
}

interface Totals {
  readonly group: Record<string, string>;
  cost: bigint;
  input: bigint;
  output: bigint;
  total: bigint;
  readonly requests: Set<string>;
  attempts: bigint;
  errors: bigint;
  baseline: bigint;
  cacheHits: bigint;
  cacheSavings: bigint;
  readonly shadows: ShadowTotals;
}

function dimensionValue(dimension: ReportDimension, indexed: IndexedEvent, shape: ReportShape): string {
  const event = indexed.event;
  switch (dimension) {
    case ReportDimension.TENANT:
      return event.tenant;
    case ReportDimension.API_KEY:
      return event.apiKeyId;
    case ReportDimension.MODEL:
      return event.model;
    case ReportDimension.PROVIDER:
      return event.provider;
    case ReportDimension.STRATEGY:
      return event.strategy;
    case ReportDimension.TASK_TYPE:
      return event.taskType;
    case ReportDimension.DAY:
      return localDay(shape.timeZone, indexed.occurredAtMs);
    case ReportDimension.PROJECT:
      return event.tags[projectTag] ?? "";
    case ReportDimension.TAG:
      return event.tags[shape.tagKey ?? ""] ?? "";
    default:
      return "";
  }
}

// A shadow call's attempts belong to the request they measured: no request of their own.
const requestKey = (event: CostEvent): string => shadowOf(event) ?? (event.requestId || `event:${event.eventId}`);

/**
 * The event each request is priced at for the baseline: its last successful attempt (the
 * answer the caller got). "What it would have cost if every request had gone to the baseline"
 * is one baseline call per answered request, with that answer's token usage.
 */
function answeringEvents(events: readonly IndexedEvent[]): Set<string> {
  const lastSuccess = new Map<string, string>();
  for (const { event } of events)
    if (event.outcome === AttemptOutcome.SUCCEEDED && shadowOf(event) === undefined) lastSuccess.set(requestKey(event), event.eventId);
  return new Set(lastSuccess.values());
}

function emptyTotals(group: Record<string, string>): Totals {
  return {
    group,
    cost: 0n,
    input: 0n,
    output: 0n,
    total: 0n,
    requests: new Set(),
    attempts: 0n,
    errors: 0n,
    baseline: 0n,
    cacheHits: 0n,
    cacheSavings: 0n,
    shadows: emptyShadowTotals(),
  };
}

function add(totals: Totals, event: CostEvent, baseline: bigint): void {
  addShadow(totals.shadows, event);
  if (event.billed) totals.cost += event.costNanoUsd;
  totals.input += event.usage?.inputTokens ?? 0n;
  totals.output += event.usage?.outputTokens ?? 0n;
  totals.total += event.usage?.totalTokens ?? 0n;
  totals.requests.add(requestKey(event));
  totals.attempts += 1n;
  if (event.outcome !== AttemptOutcome.SUCCEEDED) totals.errors += 1n;
  totals.baseline += baseline;
  if (event.cacheHit) {
    totals.cacheHits += 1n;
    totals.cacheSavings += event.savedNanoUsd;
  }
}

function toRow(totals: Totals, priced: boolean, served: ReadonlyMap<string, bigint>): ReportRow {
  return create(ReportRowSchema, {
    group: totals.group,
    costNanoUsd: totals.cost,
    inputTokens: totals.input,
    outputTokens: totals.output,
    totalTokens: totals.total,
    requests: BigInt(totals.requests.size),
    attempts: totals.attempts,
    errors: totals.errors,
    baselineCostNanoUsd: priced ? totals.baseline : 0n,
    savingsNanoUsd: priced ? totals.baseline - totals.cost : 0n,
    cacheHits: totals.cacheHits,
    cacheSavingsNanoUsd: totals.cacheSavings,
    ...shadowColumns(totals.shadows, served),
  });
}

/** The row of the event's group, created when it is the group's first event. */
function rowOf(rows: Map<string, Totals>, indexed: IndexedEvent, shape: ReportShape): Totals {
  const group = Object.fromEntries(shape.groupBy.map((dimension) => [groupKey(dimension, shape.tagKey), dimensionValue(dimension, indexed, shape)]));
  const key = JSON.stringify(group);
  let totals = rows.get(key);
  if (!totals) rows.set(key, (totals = emptyTotals(group)));
  return totals;
}

/**
 * Spend, tokens, requests, attempts, errors and baseline savings per group, plus the total, and
 * the shadow columns: a shadow's attempts are billed spend of the request they measured.
 */
export function buildReport(events: readonly IndexedEvent[], shape: ReportShape): ReportResponse {
  const answering = shape.baseline ? answeringEvents(events) : new Set<string>();
  const rows = new Map<string, Totals>();
  const overall = emptyTotals({});
  const served = servedCosts(events);
  for (const indexed of events) {
    const event = indexed.event;
    // Quality observations and decision records are not attempts: ModelReport and LookupRequest
    // read them; a shadow's observation adds to the shadow columns only.
    if (event.routingDecision || (event.quality !== undefined && shadowOf(event) === undefined)) continue;
    const totals = rowOf(rows, indexed, shape);
    const baseline = shape.baseline && answering.has(event.eventId) ? baselineCost(event.usage, shape.baseline) : 0n;
    for (const into of [totals, overall]) {
      if (event.quality === undefined) add(into, event, baseline);
      else addShadow(into.shadows, event);
    }
  }
  const priced = shape.baseline !== undefined;
  const sorted = [...rows.entries()].sort(([left], [right]) => left.localeCompare(right)).map(([, totals]) => toRow(totals, priced, served));
  return create(ReportResponseSchema, { rows: sorted, total: toRow(overall, priced, served), baselineModel: shape.baseline?.model ?? "" });
}
