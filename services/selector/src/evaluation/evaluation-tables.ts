import type { TaskType } from "../model/quality-model.js";
import { auroc, brierScore, expectedCalibrationError } from "../metrics/probability-metrics.js";
import type { PairResult } from "../metrics/pair-metrics.js";
import { pairMetrics } from "../metrics/pair-metrics.js";
import type { RoutingTable } from "../metrics/routing-table.js";
import type { RoutingRecord } from "../training/dataset.js";
import type { OutcomeCosts } from "./outcome-cost.js";

/** A record with calibrated predictions for its outcomes (same order) and its task family. */
export interface ScoredRecord {
  readonly record: RoutingRecord;
  readonly predicted: Float64Array;
  readonly taskType: TaskType;
}

/** Brier, ECE (10 bins) and AUROC over every (prompt, model) outcome. */
export interface ProbabilityReport {
  readonly outcomes: number;
  readonly brier: number;
  readonly ece: number;
  readonly auroc: number;
}

/** Probability metrics over all outcomes of the scored records. */
export function probabilityReport(scored: readonly ScoredRecord[]): ProbabilityReport {
  const predicted: number[] = [];
  const observed: number[] = [];
  for (const { record, predicted: values } of scored) {
    record.outcomes.forEach((outcome, index) => {
      predicted.push(values[index] ?? 0);
      observed.push(outcome.quality);
    });
  }
  return {
    outcomes: predicted.length,
    brier: brierScore(predicted, observed),
    ece: expectedCalibrationError(predicted, observed, 10),
    auroc: auroc(predicted, observed),
  };
}

/**
 * The routing table of a group of records: the models present on at least 90% of them, and
 * only the prompts that have all of those (a missing outcome is unknown, not wrong).
 */
export function buildRoutingTable(scored: readonly ScoredRecord[], costs: OutcomeCosts, onlyModels?: readonly string[]): RoutingTable | undefined {
  const presence = new Map<string, number>();
  for (const { record } of scored) for (const outcome of record.outcomes) presence.set(outcome.model, (presence.get(outcome.model) ?? 0) + 1);
  const models = (onlyModels ?? [...presence].filter(([, count]) => count >= 0.9 * scored.length).map(([model]) => model)).slice().sort();
  if (models.length < 2) return undefined;
  const rows = scored.filter(({ record }) => models.every((model) => record.outcomes.some((outcome) => outcome.model === model)));
  if (rows.length === 0) return undefined;
  const size = rows.length * models.length;
  const table = {
    models,
    prompts: rows.length,
    quality: new Float64Array(size),
    cost: new Float64Array(size),
    predicted: new Float64Array(size),
    estimatedCost: new Float64Array(size),
    contexts: rows.map((row) => row.taskType),
  };
  rows.forEach(({ record, predicted, taskType }, row) => {
    models.forEach((model, column) => {
      const index = record.outcomes.findIndex((outcome) => outcome.model === model);
      const outcome = record.outcomes[index];
      if (!outcome) return;
      const cell = row * models.length + column;
      table.quality[cell] = outcome.quality;
      table.cost[cell] = costs.observed(record, outcome, taskType);
      table.predicted[cell] = predicted[index] ?? 0;
      table.estimatedCost[cell] = costs.estimated(record, model, taskType);
    });
  });
  return table;
}

/** RouteLLM metrics for a strong/weak pair; the router's score is predicted(strong) - predicted(weak). */
export function pairReport(table: RoutingTable, strong: string, weak: string): PairResult | undefined {
  const strongColumn = table.models.indexOf(strong);
  const weakColumn = table.models.indexOf(weak);
  if (strongColumn < 0 || weakColumn < 0) return undefined;
  const count = table.models.length;
  const scores: number[] = [];
  const strongQuality: number[] = [];
  const weakQuality: number[] = [];
  for (let prompt = 0; prompt < table.prompts; prompt += 1) {
    scores.push((table.predicted[prompt * count + strongColumn] ?? 0) - (table.predicted[prompt * count + weakColumn] ?? 0));
    strongQuality.push(table.quality[prompt * count + strongColumn] ?? 0);
    weakQuality.push(table.quality[prompt * count + weakColumn] ?? 0);
  }
  return pairMetrics(scores, strongQuality, weakQuality);
}
