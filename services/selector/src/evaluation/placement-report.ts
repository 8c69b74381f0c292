import type { Placement } from "../model/placement-calibration.js";
import { applyPlacement, fitPlacement } from "../model/placement-calibration.js";
import type { RoutingSummary } from "../metrics/routing-table.js";
import { modelAverages, summariseRouting } from "../metrics/routing-table.js";
import { stableUnit } from "../training/seeded-random.js";
import type { PairReport } from "./eval-report.js";
import type { ProbabilityReport, ScoredRecord } from "./evaluation-tables.js";
import { buildRoutingTable, pairReport, probabilityReport } from "./evaluation-tables.js";
import type { OutcomeCosts } from "./outcome-cost.js";
import { competentPair } from "./source-pair.js";

/** Prompts held back to place a file's models (each model's outcomes on them calibrate it). */
export const placementPrompts = 50;

/** A file's figures after placing its models from a calibration sample, on the other prompts. */
export interface PlacementReport {
  /** Calibration prompts used (every model's outcome on them). */
  readonly calibrationPrompts: number;
  readonly placement: Placement;
  readonly probability: ProbabilityReport;
  readonly routing: RoutingSummary;
  readonly pair: PairReport | undefined;
}

/**
 * What a deployment sees once it has outcomes on a small sample of its own traffic: the
 * `calibrationPrompts` prompts with the lowest stable hash of their id (a random sample, not the
 * file's first task block) place every model (`fitPlacement`), and every figure is computed on
 * the remaining prompts only, so no prompt is both calibrated on and scored.
 */
export function placementReport(scored: readonly ScoredRecord[], costs: OutcomeCosts, calibrationPrompts = placementPrompts): PlacementReport | undefined {
  if (scored.length < 2 * calibrationPrompts) return undefined;
  const order = scored.map((item) => stableUnit(item.record.id, 13)).sort((a, b) => a - b);
  const cut = order[calibrationPrompts - 1] ?? 0;
  const calibration = scored.filter((item) => stableUnit(item.record.id, 13) <= cut);
  const rest = scored.filter((item) => stableUnit(item.record.id, 13) > cut);
  const placement = fitPlacement(
    calibration.flatMap(({ record, predicted, taskType }) =>
      record.outcomes.map((outcome, index) => ({ model: outcome.model, context: taskType, predicted: predicted[index] ?? 0.5, quality: outcome.quality })),
    ),
  );
  const placed: ScoredRecord[] = rest.map((item) => ({
    ...item,
    predicted: Float64Array.from(item.record.outcomes, (outcome, index) =>
      applyPlacement(placement, outcome.model, item.taskType, item.predicted[index] ?? 0.5),
    ),
  }));
  const table = buildRoutingTable(placed, costs);
  if (!table) return undefined;
  const names = competentPair(modelAverages(table));
  const result = names ? pairReport(table, names[0], names[1]) : undefined;
  return {
    calibrationPrompts: calibration.length,
    placement,
    probability: probabilityReport(placed),
    routing: summariseRouting(table),
    pair: names && result ? { strong: names[0], weak: names[1], result } : undefined,
  };
}
