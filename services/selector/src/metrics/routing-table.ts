import type { CostPoint } from "./cost-quality-frontier.js";
import { aiq, hullCostFor, hullQualityAt, nonDecreasingHull } from "./cost-quality-frontier.js";

/**
 * Prompts x models, every cell filled: observed quality and cost, and the router's predicted
 * quality and estimated cost (the router decides on estimates, is judged on what happened).
 */
export interface RoutingTable {
  readonly models: readonly string[];
  readonly prompts: number;
  readonly quality: Float64Array;
  readonly cost: Float64Array;
  readonly predicted: Float64Array;
  readonly estimatedCost: Float64Array;
  /** Per prompt, the context an online learner may key on (the inferred task family), when known. */
  readonly contexts?: readonly string[];
}

/** A fixed policy's average outcome. */
export interface PolicyResult {
  readonly name: string;
  readonly quality: number;
  readonly cost: number;
}

/** What evaluation reports for one table (the JSON field names of `selector:eval`). */
export interface RoutingSummary {
  readonly best_single_model: string;
  readonly best_single_quality: number;
  readonly best_single_cost: number;
  readonly router_quality_at_best_single_cost: number;
  readonly router_cost_fraction_at_best_single_quality: number | null;
  /** The router's quality when it spends 40% of the best single model's cost. */
  readonly router_quality_at_40pct_best_single_cost: number;
  readonly oracle_quality: number;
  readonly aiq: number;
  readonly baselines: readonly PolicyResult[];
  readonly frontier: readonly CostPoint[];
}

/** Mean observed quality and cost of each model. */
export function modelAverages(table: RoutingTable): PolicyResult[] {
  const count = table.models.length;
  return table.models.map((name, model) => {
    let quality = 0;
    let cost = 0;
    for (let prompt = 0; prompt < table.prompts; prompt += 1) {
      quality += table.quality[prompt * count + model] ?? 0;
      cost += table.cost[prompt * count + model] ?? 0;
    }
    return { name, quality: quality / table.prompts, cost: cost / table.prompts };
  });
}

/** Per prompt the best observed quality, at the cheapest model that reaches it. */
export function oraclePolicy(table: RoutingTable): PolicyResult {
  const count = table.models.length;
  let quality = 0;
  let cost = 0;
  for (let prompt = 0; prompt < table.prompts; prompt += 1) {
    let bestQuality = -1;
    let bestCost = Infinity;
    for (let model = 0; model < count; model += 1) {
      const cellQuality = table.quality[prompt * count + model] ?? 0;
      const cellCost = table.cost[prompt * count + model] ?? 0;
      if (cellQuality > bestQuality || (cellQuality === bestQuality && cellCost < bestCost)) {
        bestQuality = cellQuality;
        bestCost = cellCost;
      }
    }
    quality += bestQuality;
    cost += bestCost;
  }
  return { name: "oracle", quality: quality / table.prompts, cost: cost / table.prompts };
}

/** The router at willingness to pay `lambda`: per prompt, argmax predicted - lambda * estimated cost. */
export function routeAt(table: RoutingTable, lambda: number): CostPoint {
  const count = table.models.length;
  let quality = 0;
  let cost = 0;
  for (let prompt = 0; prompt < table.prompts; prompt += 1) {
    let chosen = 0;
    let bestValue = -Infinity;
    for (let model = 0; model < count; model += 1) {
      const cell = prompt * count + model;
      const estimated = table.estimatedCost[cell] ?? 0;
      const value = Number.isFinite(lambda) ? (table.predicted[cell] ?? 0) - lambda * estimated : -estimated + 1e-9 * (table.predicted[cell] ?? 0);
      if (value > bestValue) {
        bestValue = value;
        chosen = cell;
      }
    }
    quality += table.quality[chosen] ?? 0;
    cost += table.cost[chosen] ?? 0;
  }
  return { cost: cost / table.prompts, quality: quality / table.prompts };
}

/**
 * The cascade-style router at quality bar `bar`: per prompt, the cheapest model (by estimate)
 * whose predicted quality reaches the bar, else the model predicted best.
 */
export function routeAtBar(table: RoutingTable, bar: number): CostPoint {
  const count = table.models.length;
  let quality = 0;
  let cost = 0;
  for (let prompt = 0; prompt < table.prompts; prompt += 1) {
    let chosen = -1;
    let best = prompt * count;
    for (let model = 0; model < count; model += 1) {
      const cell = prompt * count + model;
      if ((table.predicted[cell] ?? 0) > (table.predicted[best] ?? 0)) best = cell;
      if ((table.predicted[cell] ?? 0) >= bar && (chosen < 0 || (table.estimatedCost[cell] ?? 0) < (table.estimatedCost[chosen] ?? 0))) chosen = cell;
    }
    const cell = chosen >= 0 ? chosen : best;
    quality += table.quality[cell] ?? 0;
    cost += table.cost[cell] ?? 0;
  }
  return { cost: cost / table.prompts, quality: quality / table.prompts };
}

/**
 * The router's operating points: a log-spaced sweep of willingness to pay (argmax of predicted
 * quality minus lambda x estimated cost, and its two ends), and a sweep of the quality bar of
 * the cheapest-model-that-clears-the-bar policy (what the router's `cheapest(min_quality)` and
 * cascade strategies do). Both only use predictions and estimates.
 */
export function routerPoints(table: RoutingTable, steps = 80): CostPoint[] {
  let meanEstimate = 0;
  for (const value of table.estimatedCost) meanEstimate += value;
  meanEstimate = Math.max(1e-12, meanEstimate / Math.max(1, table.estimatedCost.length));
  const points = [routeAt(table, 0), routeAt(table, Infinity)];
  for (let step = 0; step <= steps; step += 1) points.push(routeAt(table, Math.pow(10, -4 + (8 * step) / steps) / meanEstimate));
  for (let step = 0; step <= 40; step += 1) points.push(routeAtBar(table, step / 40));
  return points;
}

/** Everything `selector:eval` reports about routing on one table. */
export function summariseRouting(table: RoutingTable): RoutingSummary {
  const singles = modelAverages(table);
  const best = singles.reduce((a, b) => (b.quality > a.quality || (b.quality === a.quality && b.cost < a.cost) ? b : a));
  const cheapest = singles.reduce((a, b) => (b.cost < a.cost ? b : a));
  const random = { name: "random", quality: mean(singles.map((s) => s.quality)), cost: mean(singles.map((s) => s.cost)) };
  const oracle = oraclePolicy(table);
  const frontier = nonDecreasingHull(routerPoints(table));
  const costAtBest = hullCostFor(frontier, best.quality);
  const costs = singles.map((single) => single.cost);
  return {
    best_single_model: best.name,
    best_single_quality: best.quality,
    best_single_cost: best.cost,
    router_quality_at_best_single_cost: hullQualityAt(frontier, best.cost),
    router_cost_fraction_at_best_single_quality: costAtBest === undefined || best.cost <= 0 ? null : costAtBest / best.cost,
    router_quality_at_40pct_best_single_cost: hullQualityAt(frontier, 0.4 * best.cost),
    oracle_quality: oracle.quality,
    aiq: aiq(frontier, Math.min(...costs), Math.max(...costs)),
    baselines: [random, { ...cheapest, name: `always-cheapest (${cheapest.name})` }, { ...best, name: `always-best-single (${best.name})` }, oracle],
    frontier,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}
