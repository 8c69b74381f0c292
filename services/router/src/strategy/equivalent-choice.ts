import type { ScoredCandidate } from "../candidates.js";
import type { ModelConfig } from "@switchyard/runtime";
import type { RouterDeps } from "../router-deps.js";

/** What the choice reads: each model's priority and weight, the executor's load, a random source. */
export interface EquivalentChoiceDeps extends Pick<RouterDeps, "load" | "random"> {
  readonly access: { readonly models: Readonly<Record<string, Pick<ModelConfig, "priority" | "weight">>> };
}

/** Predicted qualities this close count as the same: well inside the selector's calibration error. */
export const qualityTolerance = 0.02;

/** Worst-case costs within this many percent of the cheaper one count as the same price. */
export const costTolerancePercent = 5n;

/**
 * Whether the strategy has no reason of quality or price to prefer either candidate: their
 * predicted qualities differ by at most `qualityTolerance` and their worst-case costs by at most
 * `costTolerancePercent` of the cheaper. Two deployments of one model at one price (two
 * providers, two regions) are the common case; a model of the same tier but another price is not.
 */
export function equivalent(left: ScoredCandidate, right: ScoredCandidate): boolean {
  const [cheaper, pricier] = [left.estimate.maxCostNanoUsd, right.estimate.maxCostNanoUsd].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) as [bigint, bigint];
  const samePrice = pricier * 100n <= cheaper * (100n + costTolerancePercent);
  return samePrice && Math.abs(left.predictedQuality - right.predictedQuality) <= qualityTolerance;
}

/**
 * `ordered` (a strategy's preference, best first) with each run of equivalent candidates
 * reordered: the highest configured `priority` first, then the least loaded (calls in flight and
 * queued at the executor, from `deps.load`), then a draw by `weight`, so that calls spread over
 * equal models in proportion to their weights. A run is contiguous in `ordered` and each of its
 * members is equivalent to every other, so a candidate the strategy put ahead for a reason beyond
 * the tolerances (cheaper, or predicted better) is never moved behind the one it beat, by load or
 * by anything else.
 */
export function preferAmongEquivalents(deps: EquivalentChoiceDeps, ordered: readonly ScoredCandidate[]): ScoredCandidate[] {
  const chosen: ScoredCandidate[] = [];
  let index = 0;
  while (index < ordered.length) {
    const run = [ordered[index]!];
    for (index += 1; index < ordered.length && run.every((member) => equivalent(member, ordered[index]!)); index += 1) run.push(ordered[index]!);
    chosen.push(...(run.length > 1 ? ranked(deps, run) : run));
  }
  return chosen;
}

/** Priority (higher first), then load (lower first), then the weighted draw. */
function ranked(deps: EquivalentChoiceDeps, equivalents: readonly ScoredCandidate[]): ScoredCandidate[] {
  const random = deps.random ?? Math.random;
  const keyed = equivalents.map((candidate) => {
    const config = deps.access.models[candidate.model];
    return { candidate, priority: config?.priority ?? 0, load: deps.load?.loadOf(candidate.model) ?? 0, draw: weightedDraw(config?.weight ?? 1, random()) };
  });
  keyed.sort((left, right) => right.priority - left.priority || left.load - right.load || right.draw - left.draw);
  return keyed.map((each) => each.candidate);
}

/**
 * Efraimidis-Spirakis: sorting by log(u) / weight (u uniform in (0, 1]), highest first, puts each candidate first with
 * probability weight / (sum of weights). Weight 0 sorts last.
 */
function weightedDraw(weight: number, uniform: number): number {
  // 1 - u lies in (0, 1]: its log is finite.
  return weight > 0 ? Math.log(1 - uniform) / weight : -Infinity;
}
