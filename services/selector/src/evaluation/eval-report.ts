import type { PairResult } from "../metrics/pair-metrics.js";
import type { RoutingSummary } from "../metrics/routing-table.js";
import { modelAverages, summariseRouting } from "../metrics/routing-table.js";
import type { ProbabilityReport, ScoredRecord } from "./evaluation-tables.js";
import { buildRoutingTable, pairReport, probabilityReport } from "./evaluation-tables.js";
import type { OutcomeCosts } from "./outcome-cost.js";
import type { OnlinePolicy, OnlineReport } from "./online-replay.js";
import { defaultOnlinePolicy, onlineReplay } from "./online-replay.js";
import type { PlacementReport } from "./placement-report.js";
import { placementReport } from "./placement-report.js";
import { competentPair } from "./source-pair.js";

/** A strong/weak pair and its RouteLLM metrics. */
export interface PairReport {
  readonly strong: string;
  readonly weak: string;
  readonly result: PairResult;
}

/** One file's (source's) figures: calibration, routing, and its own strong/weak pair. */
export interface SourceReport {
  readonly prompts: number;
  readonly probability: ProbabilityReport;
  readonly routing: RoutingSummary;
  readonly pair: PairReport | undefined;
  /** The stream in file order with feedback after each prompt. */
  readonly online: OnlineReport;
  /** The same file after placing its models from a calibration sample (figures on the rest). */
  readonly placed: PlacementReport | undefined;
}

/** Everything `selector:eval` computes for one file. */
export interface EvalReport {
  readonly overall: ProbabilityReport;
  readonly byKind: ReadonlyMap<string, ProbabilityReport>;
  readonly bySource: ReadonlyMap<string, SourceReport>;
  readonly pair: PairReport | undefined;
}

/** Groups scored records by a key. */
function groupBy(scored: readonly ScoredRecord[], key: (item: ScoredRecord) => string): Map<string, ScoredRecord[]> {
  const groups = new Map<string, ScoredRecord[]>();
  for (const item of scored) {
    const name = key(item);
    const list = groups.get(name) ?? [];
    list.push(item);
    groups.set(name, list);
  }
  return groups;
}

/**
 * Probability metrics overall and per kind; routing per source (each source is its own model
 * set); the strong/weak pair on every prompt that has both (named, or else the best single and
 * the cheapest model of the largest source).
 */
export function buildEvalReport(
  scored: readonly ScoredRecord[],
  costs: OutcomeCosts,
  strong?: string,
  weak?: string,
  online: OnlinePolicy = defaultOnlinePolicy,
): EvalReport {
  const byKind = new Map([...groupBy(scored, (item) => item.record.kind)].map(([kind, items]) => [kind, probabilityReport(items)]));
  const bySource = new Map<string, SourceReport>();
  for (const [source, items] of [...groupBy(scored, (item) => item.record.source)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const table = buildRoutingTable(items, costs);
    if (!table) continue;
    const names = competentPair(modelAverages(table));
    const result = names ? pairReport(table, names[0], names[1]) : undefined;
    const pair = names && result ? { strong: names[0], weak: names[1], result } : undefined;
    bySource.set(source, {
      prompts: table.prompts,
      probability: probabilityReport(items),
      routing: summariseRouting(table),
      pair,
      online: onlineReplay(table, online),
      placed: placementReport(items, costs),
    });
  }
  let pairNames: [string, string] | undefined = strong !== undefined && weak !== undefined ? [strong, weak] : undefined;
  if (!pairNames) {
    const largest = [...bySource.values()].sort((a, b) => b.prompts - a.prompts)[0];
    const cheapest = largest?.routing.baselines[1]?.name.replace(/^always-cheapest \((.*)\)$/, "$1");
    if (largest && cheapest && cheapest !== largest.routing.best_single_model) pairNames = [largest.routing.best_single_model, cheapest];
  }
  let pair: EvalReport["pair"];
  if (pairNames) {
    const table = buildRoutingTable(scored, costs, pairNames);
    const result = table ? pairReport(table, pairNames[0], pairNames[1]) : undefined;
    if (result) pair = { strong: pairNames[0], weak: pairNames[1], result };
  }
  return { overall: probabilityReport(scored), byKind, bySource, pair };
}

/** The last line of `selector:eval`: one JSON object (field names fixed by the issue). */
export function evalSummaryJson(report: EvalReport, prompts: number, models: readonly string[], version: string): Record<string, unknown> {
  const groups = [...report.bySource.entries()];
  const weight = groups.reduce((sum, [, group]) => sum + group.prompts, 0);
  const pooled = (pick: (routing: RoutingSummary) => number | null): number | null => {
    if (groups.length === 0) return null;
    let total = 0;
    for (const [, group] of groups) {
      const value = pick(group.routing);
      if (value === null || !Number.isFinite(value)) return null;
      total += value * group.prompts;
    }
    return total / weight;
  };
  const single = groups.length === 1 ? groups[0]?.[1].routing : undefined;
  const number = (value: number | null | undefined): number | null =>
    value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(6));
  return {
    n_prompts: prompts,
    models,
    brier: number(report.overall.brier),
    ece: number(report.overall.ece),
    auroc: number(report.overall.auroc),
    strong: report.pair?.strong ?? null,
    weak: report.pair?.weak ?? null,
    apgr: number(report.pair?.result.apgr),
    cpt50: number(report.pair?.result.cpt50),
    cpt80: number(report.pair?.result.cpt80),
    best_single_model: single ? single.best_single_model : groups.map(([source, group]) => `${source}:${group.routing.best_single_model}`).join(",") || null,
    best_single_quality: number(pooled((routing) => routing.best_single_quality)),
    best_single_cost: number(pooled((routing) => routing.best_single_cost)),
    router_quality_at_best_single_cost: number(pooled((routing) => routing.router_quality_at_best_single_cost)),
    router_cost_fraction_at_best_single_quality: number(pooled((routing) => routing.router_cost_fraction_at_best_single_quality)),
    router_quality_at_40pct_best_single_cost: number(pooled((routing) => routing.router_quality_at_40pct_best_single_cost)),
    oracle_quality: number(pooled((routing) => routing.oracle_quality)),
    aiq: number(pooled((routing) => routing.aiq)),
    selector_version: version,
    per_source: groups.map(([source, group]) => sourceJson(source, group, number)),
  };
}

/** One source's figures in the summary line. */
function sourceJson(source: string, group: SourceReport, number: (value: number | null | undefined) => number | null): Record<string, unknown> {
  const { routing, probability, pair, online, placed } = group;
  const last = online.checkpoints[online.checkpoints.length - 1];
  return {
    source,
    n_prompts: group.prompts,
    ece: number(probability.ece),
    brier: number(probability.brier),
    auroc: number(probability.auroc),
    best_single_model: routing.best_single_model,
    best_single_quality: number(routing.best_single_quality),
    router_quality_at_best_single_cost: number(routing.router_quality_at_best_single_cost),
    router_quality_at_40pct_best_single_cost: number(routing.router_quality_at_40pct_best_single_cost),
    router_cost_fraction_at_best_single_quality: number(routing.router_cost_fraction_at_best_single_quality),
    oracle_quality: number(routing.oracle_quality),
    strong: pair?.strong ?? null,
    weak: pair?.weak ?? null,
    apgr: number(pair?.result.apgr),
    online_quality: number(last?.quality),
    online_cost: number(last?.cost),
    online_best_fixed_model: last?.bestFixedModel ?? null,
    online_best_fixed_quality: number(last?.bestFixedQuality),
    online_best_fixed_cost: number(last?.bestFixedCost),
    online_after_200_quality: number(online.afterWarmup?.quality),
    online_after_200_best_fixed_quality: number(online.afterWarmup?.bestFixedQuality),
    online_after_200_cost_fraction:
      online.afterWarmup && online.afterWarmup.bestFixedCost > 0 ? number(online.afterWarmup.cost / online.afterWarmup.bestFixedCost) : null,
    online_after_200_ece: number(online.eceAfterWarmup),
    placed_calibration_prompts: placed?.calibrationPrompts ?? null,
    placed_ece: number(placed?.probability.ece),
    placed_auroc: number(placed?.probability.auroc),
    placed_apgr: number(placed?.pair?.result.apgr),
    placed_best_single_quality: number(placed?.routing.best_single_quality),
    placed_router_quality_at_40pct_best_single_cost: number(placed?.routing.router_quality_at_40pct_best_single_cost),
    placed_router_cost_fraction_at_best_single_quality: number(placed?.routing.router_cost_fraction_at_best_single_quality),
  };
}
