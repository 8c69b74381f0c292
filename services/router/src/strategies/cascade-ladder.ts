import type { ScoredCandidate } from "../candidates.js";
import { scoreCandidates } from "../candidates.js";
import type { RouteRun } from "../route-run.js";
import { cheapestOrder } from "./cheapest-strategy.js";

/**
 * The models a cascade climbs, cheapest first: from where `cheapest` would go (the cheapest model
 * predicted to clear the bar, or the one predicted best when none is: a prompt every model is
 * predicted to miss is a hard one, and a higher bar never starts the climb lower), keeping only
 * models predicted to be better than every cheaper one already on the ladder (a pricier, weaker
 * model never helps).
 */
export function buildLadder(scored: readonly ScoredCandidate[], minQuality: number): ScoredCandidate[] {
  const first = cheapestOrder(scored, minQuality)[0];
  const start = first ? scored.indexOf(first) : 0;
  const ladder: ScoredCandidate[] = [];
  for (const candidate of scored.slice(start)) {
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
