import { create } from "@bufbuild/protobuf";
import { RecommendationSchema } from "@switchyard/contracts/switchyard/v1/model_report_pb";
import type { ModelReportRow, Recommendation } from "@switchyard/contracts/switchyard/v1/model_report_pb";
import { buildModelReport } from "./model-report.js";
import type { IndexedEvent } from "./spend-index.js";

/** The bar a model must clear to be recommended. */
export interface RecommendationBar {
  readonly minQuality: number;
  readonly minObservations: number;
  readonly periodMs: number;
}

const cheapestFirst = (left: ModelReportRow, right: ModelReportRow): number =>
  left.costPerSuccessNanoUsd === right.costPerSuccessNanoUsd
    ? left.model.localeCompare(right.model)
    : left.costPerSuccessNanoUsd < right.costPerSuccessNanoUsd
      ? -1
      : 1;

function meetsBar(row: ModelReportRow, bar: RecommendationBar): boolean {
  return row.qualityObservations >= BigInt(bar.minObservations) && row.quality >= bar.minQuality && row.successRate > 0;
}

function recommend(taskType: string, evidence: ModelReportRow[], bar: RecommendationBar): Recommendation {
  const chosen = evidence.find((row) => meetsBar(row, bar));
  const reason = chosen
    ? `${chosen.model}: the cheapest per answered request (${chosen.costPerSuccessNanoUsd} nano-USD) with quality ${chosen.quality.toFixed(3)} >= ${bar.minQuality} over ${chosen.qualityObservations} observations`
    : `no model reached quality ${bar.minQuality} with at least ${bar.minObservations} observations`;
  return create(RecommendationSchema, { taskType, model: chosen?.model ?? "", evidence, reason });
}

/**
 * Per task type seen in the events: the cheapest model (cost per answered request) whose mean
 * observed quality met the bar on enough observations, and every model's figures as evidence,
 * cheapest first.
 */
export function buildRecommendations(events: readonly IndexedEvent[], bar: RecommendationBar): Recommendation[] {
  const taskTypes = [...new Set(events.map(({ event }) => event.taskType))].sort();
  return taskTypes.map((taskType) => {
    const evidence = buildModelReport(events, { models: [], taskType, periodMs: bar.periodMs }).sort(cheapestFirst);
    return recommend(taskType, evidence, bar);
  });
}
