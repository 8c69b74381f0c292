/** The part of a valid critique aggregation reads. */
export interface ScoredCritique {
  readonly score: number;
  readonly confidence: number;
}

/** What the critiques of one answer say together. */
export interface Aggregate {
  /** Confidence-weighted mean score; 0 when there is no valid critique. */
  readonly aggregateScore: number;
  /**
   * Agreement in [0, 1]: 1 minus twice the confidence-weighted standard deviation of the
   * scores (0.5 is the largest deviation scores in [0, 1] can have, so 0 means split between
   * the extremes). 1 with a single critique (nothing disagrees); 0 with none.
   */
  readonly consensus: number;
}

/**
 * Aggregates valid critiques. Each score is weighted by the critic's confidence; when every
 * confidence is 0, scores count equally rather than not at all.
 */
export function aggregateCritiques(critiques: readonly ScoredCritique[]): Aggregate {
  if (critiques.length === 0) return { aggregateScore: 0, consensus: 0 };
  // Exactly the critic's score (weighting one score by itself can be off in the last bit).
  if (critiques.length === 1) return { aggregateScore: clampUnit(critiques[0]?.score ?? 0), consensus: 1 };
  const confident = critiques.some((critique) => critique.confidence > 0);
  const weight = (critique: ScoredCritique): number => (confident ? critique.confidence : 1);
  const totalWeight = critiques.reduce((sum, critique) => sum + weight(critique), 0);
  const mean = critiques.reduce((sum, critique) => sum + weight(critique) * critique.score, 0) / totalWeight;
  const variance = critiques.reduce((sum, critique) => sum + weight(critique) * (critique.score - mean) ** 2, 0) / totalWeight;
  return { aggregateScore: clampUnit(mean), consensus: clampUnit(1 - 2 * Math.sqrt(variance)) };
}

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}
