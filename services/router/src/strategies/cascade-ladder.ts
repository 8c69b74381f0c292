import type { ScoredCandidate } from "../candidates.js";
import { scoreCandidates } from "../candidates.js";
import type { RouteRun } from "../route-run.js";

/**
 * The models a cascade climbs, cheapest first: from the cheapest model whose predicted quality
 * clears the bar (or the cheapest of all when none does), keeping only models predicted to be
 * better than every cheaper one already on the ladder (a pricier, weaker model never helps).
 */
export function buildLadder(scored: readonly ScoredCandidate[], minQuality: number): ScoredCandidate[] {
  const start = ladderStart(scored, minQuality);
  const ladder: ScoredCandidate[] = [];
  for (const candidate of scored.slice(start)) {
    const top = ladder[ladder.length - 1];
    if (!top || candidate.predictedQuality > top.predictedQuality) ladder.push(candidate);
  }
  return ladder;
}

/**
 * Where the climb starts: the cheapest model predicted to clear the bar; when none is, the
 * model predicted best (a prompt every model is predicted to miss is a hard one, and cheap
 * models agreeing on it is weak evidence), so a higher bar never starts the climb lower.
 */
function ladderStart(scored: readonly ScoredCandidate[], minQuality: number): number {
  const clearing = scored.findIndex((candidate) => candidate.predictedQuality >= minQuality);
  if (clearing >= 0) return clearing;
  let best = 0;
  for (const [index, candidate] of scored.entries()) if (candidate.predictedQuality > (scored[best]?.predictedQuality ?? -1)) best = index;
  return best;
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
