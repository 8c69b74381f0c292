import { create } from "@bufbuild/protobuf";
import { ModelReportRowSchema } from "@switchyard/contracts/switchyard/v1/model_report_pb";
import type { ModelReportRow } from "@switchyard/contracts/switchyard/v1/model_report_pb";
import { addEvent, emptyStats, percentile } from "./model-report-stats.js";
import type { ModelStats } from "./model-report-stats.js";
import type { IndexedEvent } from "./spend-index.js";

/** Which events a model report covers and over how long. */
export interface ModelReportScope {
  /** Empty: every model with events. */
  readonly models: readonly string[];
  /** Undefined: every task type. */
  readonly taskType: string | undefined;
  /** Length of the period in ms, for utilisation. */
  readonly periodMs: number;
}

function toRow(stats: ModelStats, periodMs: number): ModelReportRow {
  const answered = BigInt(stats.answered.size);
  return create(ModelReportRowSchema, {
    model: stats.model,
    provider: stats.provider,
    requests: BigInt(stats.requests.size),
    attempts: BigInt(stats.attempts),
    successRate: stats.reached > 0 ? stats.succeeded / stats.reached : 0,
    latencyP50Ms: percentile(stats.latencies, 0.5),
    latencyP95Ms: percentile(stats.latencies, 0.95),
    ttftP50Ms: percentile(stats.ttfts, 0.5),
    ttftP95Ms: percentile(stats.ttfts, 0.95),
    quality: stats.qualityCount > 0 ? stats.qualitySum / stats.qualityCount : 0,
    qualityObservations: BigInt(stats.qualityCount),
    costNanoUsd: stats.cost,
    costPerSuccessNanoUsd: answered > 0n ? stats.cost / answered : 0n,
    utilisation: periodMs > 0 ? stats.busyMs / periodMs : 0,
    inputTokens: stats.input,
    outputTokens: stats.output,
  });
}

/**
 * Per model: requests, success rate, latency and time-to-first-token percentiles, mean observed
 * quality (checks, critics, caller feedback), cost and utilisation, sorted by model name.
 */
export function buildModelReport(events: readonly IndexedEvent[], scope: ModelReportScope): ModelReportRow[] {
  const byModel = new Map<string, ModelStats>();
  for (const { event } of events) {
    if (!event.model || (scope.models.length > 0 && !scope.models.includes(event.model))) continue;
    if (scope.taskType !== undefined && event.taskType !== scope.taskType) continue;
    let stats = byModel.get(event.model);
    if (!stats) byModel.set(event.model, (stats = emptyStats(event.model)));
    addEvent(stats, event);
  }
  return [...byModel.values()].sort((left, right) => left.model.localeCompare(right.model)).map((stats) => toRow(stats, scope.periodMs));
}

/** The period a report covers: from the requested start (unset: the first event) to the end. */
export function reportPeriodMs(events: readonly IndexedEvent[], startMs: number, endMs: number): number {
  const from = Number.isFinite(startMs) ? startMs : Math.min(events[0]?.occurredAtMs ?? endMs, endMs);
  return Math.max(0, endMs - from);
}
