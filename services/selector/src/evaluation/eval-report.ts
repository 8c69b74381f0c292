import type { PairResult } from "../metrics/pair-metrics.js";
import type { RoutingSummary } from "../metrics/routing-table.js";
import { summariseRouting } from "../metrics/routing-table.js";
import type { ProbabilityReport, ScoredRecord } from "./evaluation-tables.js";
import { buildRoutingTable, pairReport, probabilityReport } from "./evaluation-tables.js";
import type { OutcomeCosts } from "./outcome-cost.js";

/** Everything `selector:eval` computes for one file. */
export interface EvalReport {
  readonly overall: ProbabilityReport;
  readonly byKind: ReadonlyMap<string, ProbabilityReport>;
  readonly bySource: ReadonlyMap<string, { readonly prompts: number; readonly routing: RoutingSummary }>;
  readonly pair: { readonly strong: string; readonly weak: string; readonly result: PairResult } | undefined;
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
export function buildEvalReport(scored: readonly ScoredRecord[], costs: OutcomeCosts, strong?: string, weak?: string): EvalReport {
  const byKind = new Map([...groupBy(scored, (item) => item.record.kind)].map(([kind, items]) => [kind, probabilityReport(items)]));
  const bySource = new Map<string, { prompts: number; routing: RoutingSummary }>();
  for (const [source, items] of [...groupBy(scored, (item) => item.record.source)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const table = buildRoutingTable(items, costs);
    if (table) bySource.set(source, { prompts: table.prompts, routing: summariseRouting(table) });
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
  const number = (value: number | null | undefined): number | null => (value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(6)));
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
    oracle_quality: number(pooled((routing) => routing.oracle_quality)),
    aiq: number(pooled((routing) => routing.aiq)),
    selector_version: version,
  };
}
