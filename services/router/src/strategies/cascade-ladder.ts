import type { ScoredCandidate } from "../candidates.js";
import { scoreCandidates } from "../candidates.js";
import type { RouteRun } from "../route-run.js";
import { bestPredicted, cheapestOrder } from "./cheapest-strategy.js";
import { votingPanel, worthReading } from "./voting-panel.js";

/**
 * The models a cascade climbs, cheapest first, keeping only models predicted to be better than
 * every cheaper one already on the ladder (a pricier, weaker model never helps). The climb is
 * anchored where `cheapest` would go: the cheapest model predicted to clear the bar, or the one
 * predicted best when none is. Every answer is read before it is accepted (agreement, tests, the
 * answer scorer), so a cheaper model below the anchor is called first when reading its answer is
 * worth its price: P(good) x cost(anchor) > its cost (voting-panel.ts `worthReading`). That holds
 * when a good answer can pass on its own (`readBelow`); an extractable answer needs agreement,
 * which a voting panel plans for instead.
 */
export function buildLadder(scored: readonly ScoredCandidate[], minQuality: number, readBelow = true): ScoredCandidate[] {
  const anchor = cheapestOrder(scored, minQuality)[0];
  if (!anchor) return [];
  const below = readBelow
    ? scored.filter((candidate) => candidate.estimate.maxCostNanoUsd < anchor.estimate.maxCostNanoUsd && worthReading(candidate, anchor))
    : [];
  return ascending([...below, ...scored.slice(scored.indexOf(anchor))]);
}

/**
 * The ladder for an extractable answer (a choice, a number): a panel of cheap models asked
 * together whose agreement would clear the threshold (voting-panel.ts), then the model predicted
 * best for when they disagree; without a panel worth asking, the climb from where `cheapest` would go.
 */
export function votingLadder(
  scored: readonly ScoredCandidate[],
  minQuality: number,
  threshold: number,
  choices: number,
): { ladder: ScoredCandidate[]; panel: number } {
  const best = bestPredicted(scored);
  const panel = best ? votingPanel(scored, best, threshold, choices) : undefined;
  if (!best || !panel) return { ladder: buildLadder(scored, minQuality, false), panel: 0 };
  return { ladder: [...panel, best], panel: panel.length };
}

/** The candidates (cheapest first) each predicted better than every cheaper one kept. */
function ascending(candidates: readonly ScoredCandidate[]): ScoredCandidate[] {
  const ladder: ScoredCandidate[] = [];
  for (const candidate of candidates) {
    const top = ladder[ladder.length - 1];
    if (!top || candidate.predictedQuality > top.predictedQuality) ladder.push(candidate);
  }
  return ladder;
}

/** The ladder for an explicit chain: the caller's order, with the selector's scores attached. */
export async function explicitLadder(run: RouteRun, chain: readonly string[]): Promise<ScoredCandidate[]> {
  const scored = await scoreCandidates(run, chain, "strategy.cascade.chain");
  return chain.map((model) => scored.find((candidate) => candidate.model === model)!);
}

/** Drops the models whose context window is no larger than `window` (after a context-length error). */
export function largerWindowsOnly(pending: ScoredCandidate[], window: number): ScoredCandidate[] {
  return pending.filter((candidate) => candidate.contextWindow > window);
}
