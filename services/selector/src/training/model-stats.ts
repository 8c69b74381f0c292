import type { EncodedRecord } from "./encoded-dataset.js";

/** Outcome count and quality sum of one model over a set of records. */
export interface ModelStats {
  count: number;
  sum: number;
}

/** Per canonical model id, how many outcomes the records have and their summed quality. */
export function modelQualityStats(records: readonly EncodedRecord[]): Map<string, ModelStats> {
  const stats = new Map<string, ModelStats>();
  for (const { record } of records) {
    for (const outcome of record.outcomes) {
      const entry = stats.get(outcome.model) ?? { count: 0, sum: 0 };
      entry.count += 1;
      entry.sum += outcome.quality;
      stats.set(outcome.model, entry);
    }
  }
  return stats;
}
