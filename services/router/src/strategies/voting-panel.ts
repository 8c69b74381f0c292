import type { ScoredCandidate } from "../candidates.js";
import { calibratedQuality } from "../candidates.js";
import { unanimousProbability } from "./agreement-posterior.js";

/** Most cheap models asked at once for an extractable answer. */
const maxVoters = 3;

/**
 * For a prompt with an extractable answer: the cheap models to ask together, cheapest first,
 * added one by one until their agreeing would make the answer at least `threshold` likely right
 * (agreement-posterior.ts). Only models cheaper than the model predicted best (`top`) and better
 * than chance are asked. A panel is only worth it when the chance that it agrees outright
 * (every member right) times what `top` would cost exceeds what the panel costs; otherwise, and
 * when no panel of `maxVoters` could reach the threshold, there is none (undefined) and the
 * climb starts where `cheapest` would.
 */
export function votingPanel(scored: readonly ScoredCandidate[], top: ScoredCandidate, threshold: number, choices: number): ScoredCandidate[] | undefined {
  const pool = scored.filter((candidate) => candidate !== top && candidate.estimate.maxCostNanoUsd < top.estimate.maxCostNanoUsd);
  const voters: ScoredCandidate[] = [];
  for (const candidate of pool) {
    if (voters.length >= maxVoters || unanimousProbability(voters.map(calibratedQuality), choices) >= threshold) break;
    if (calibratedQuality(candidate) > 1 / choices) voters.push(candidate);
  }
  if (voters.length === 0 || unanimousProbability(voters.map(calibratedQuality), choices) < threshold) return undefined;
  return savesOnAverage(voters, top) ? voters : undefined;
}

/** True when P(all voters right) x cost(top) exceeds the voters' cost. */
function savesOnAverage(voters: readonly ScoredCandidate[], top: ScoredCandidate): boolean {
  const allRight = voters.reduce((product, voter) => product * calibratedQuality(voter), 1);
  const cost = voters.reduce((sum, voter) => sum + voter.estimate.maxCostNanoUsd, 0n);
  return paysOff(allRight, top.estimate.maxCostNanoUsd, cost);
}

/** True when reading `rung`'s answer first is worth its price: P(it is good) x cost(anchor) > cost(rung). */
export function worthReading(rung: ScoredCandidate, anchor: ScoredCandidate): boolean {
  return paysOff(calibratedQuality(rung), anchor.estimate.maxCostNanoUsd, rung.estimate.maxCostNanoUsd);
}

/** chance x avoided > cost, in integer nano-USD (the chance in parts per million). */
function paysOff(chance: number, avoidedNanoUsd: bigint, costNanoUsd: bigint): boolean {
  return BigInt(Math.round(chance * 1_000_000)) * avoidedNanoUsd > costNanoUsd * 1_000_000n;
}
