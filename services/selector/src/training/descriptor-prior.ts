import { descriptorSize } from "../model/quality-model.js";
import type { EncodedRecord } from "./encoded-dataset.js";
import type { DescriptorLookup } from "./factor-trainer.js";
import { modelQualityStats } from "./model-stats.js";

/**
 * A ridge regression of each training model's mean quality on its descriptor: the cold-start
 * guess the baselines use for models they never saw (so they are compared fairly with the
 * shared model, which has its own descriptor path).
 */
export function fitDescriptorPrior(records: readonly EncodedRecord[], describe: DescriptorLookup, ridge = 1): (model: string) => number {
  const size = descriptorSize;
  const gram = Array.from({ length: size }, (_, row) => Array.from({ length: size + 1 }, (_, column) => (row === column ? ridge : 0)));
  for (const [model, { sum, count }] of modelQualityStats(records)) {
    const x = describe(model);
    const y = sum / count;
    for (let row = 0; row < size; row += 1) {
      const gramRow = gram[row] as number[];
      for (let column = 0; column < size; column += 1) gramRow[column] = (gramRow[column] ?? 0) + (x[row] ?? 0) * (x[column] ?? 0);
      gramRow[size] = (gramRow[size] ?? 0) + (x[row] ?? 0) * y;
    }
  }
  const beta = solve(gram, size);
  return (model) => {
    const x = describe(model);
    let value = 0;
    for (let index = 0; index < size; index += 1) value += (beta[index] ?? 0) * (x[index] ?? 0);
    return Math.min(0.98, Math.max(0.02, value));
  };
}

/** Gauss-Jordan elimination on an augmented, positive-definite system. */
function solve(augmented: number[][], size: number): number[] {
  for (let pivot = 0; pivot < size; pivot += 1) {
    const pivotRow = augmented[pivot] as number[];
    const divisor = pivotRow[pivot] ?? 1;
    for (let column = pivot; column <= size; column += 1) pivotRow[column] = (pivotRow[column] ?? 0) / divisor;
    for (let row = 0; row < size; row += 1) {
      if (row === pivot) continue;
      const current = augmented[row] as number[];
      const factor = current[pivot] ?? 0;
      if (factor === 0) continue;
      for (let column = pivot; column <= size; column += 1) current[column] = (current[column] ?? 0) - factor * (pivotRow[column] ?? 0);
    }
  }
  return augmented.map((row) => row[size] ?? 0);
}
