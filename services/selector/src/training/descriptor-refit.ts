import type { QualityParams } from "../model/quality-model.js";
import { descriptorSize } from "../model/quality-model.js";
import type { DescriptorLookup } from "./factor-trainer.js";

/**
 * Cold-start refit: after training, every known model has a full vector v_m = D d_m + r_m.
 * A ridge regression of those vectors on the descriptors (weighted by the square root of each
 * model's outcome count, shrunk towards the trained D) gives the map an unseen model is placed
 * with; each known model's residual is then reset to v_m - D' d_m, so known models score
 * exactly as before while the descriptor path now carries everything descriptors can explain.
 */
export function refitDescriptorMap(params: QualityParams, describe: DescriptorLookup, outcomes: ReadonlyMap<string, number>, ridge: number): void {
  const width = params.dim + 1;
  const size = descriptorSize;
  const gram = Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, column) => (row === column ? ridge : 0)));
  const right = Array.from({ length: size }, (_, row) =>
    Array.from({ length: width }, (_, column) => ridge * (params.descriptorMap[column * size + row] ?? 0)),
  );
  const vectors = new Map<string, Float32Array>();
  for (const [model, residual] of params.residuals) {
    const descriptor = describe(model);
    const vector = new Float32Array(width);
    for (let row = 0; row < width; row += 1) {
      let sum = residual[row] ?? 0;
      for (let column = 0; column < size; column += 1) sum += (params.descriptorMap[row * size + column] ?? 0) * (descriptor[column] ?? 0);
      vector[row] = sum;
    }
    vectors.set(model, vector);
    const weight = Math.sqrt(outcomes.get(model) ?? 1);
    for (let a = 0; a < size; a += 1) {
      const gramRow = gram[a] as number[];
      const rightRow = right[a] as number[];
      for (let b = 0; b < size; b += 1) gramRow[b] = (gramRow[b] ?? 0) + weight * (descriptor[a] ?? 0) * (descriptor[b] ?? 0);
      for (let column = 0; column < width; column += 1) rightRow[column] = (rightRow[column] ?? 0) + weight * (descriptor[a] ?? 0) * (vector[column] ?? 0);
    }
  }
  const solution = solveSymmetric(gram, right);
  for (let row = 0; row < width; row += 1) {
    for (let column = 0; column < size; column += 1) params.descriptorMap[row * size + column] = solution[column]?.[row] ?? 0;
  }
  for (const [model, vector] of vectors) {
    const descriptor = describe(model);
    const residual = params.residuals.get(model) as Float32Array;
    for (let row = 0; row < width; row += 1) {
      let prior = 0;
      for (let column = 0; column < size; column += 1) prior += (params.descriptorMap[row * size + column] ?? 0) * (descriptor[column] ?? 0);
      residual[row] = (vector[row] ?? 0) - prior;
    }
  }
}

/** Solves A X = B for a positive-definite A (Gauss-Jordan with partial pivoting). */
export function solveSymmetric(matrix: number[][], right: number[][]): number[][] {
  const size = matrix.length;
  const a = matrix.map((row) => [...row]);
  const b = right.map((row) => [...row]);
  for (let pivot = 0; pivot < size; pivot += 1) {
    let best = pivot;
    for (let row = pivot + 1; row < size; row += 1) if (Math.abs(a[row]?.[pivot] ?? 0) > Math.abs(a[best]?.[pivot] ?? 0)) best = row;
    [a[pivot], a[best]] = [a[best] as number[], a[pivot] as number[]];
    [b[pivot], b[best]] = [b[best] as number[], b[pivot] as number[]];
    const pivotRow = a[pivot] as number[];
    const pivotRight = b[pivot] as number[];
    const divisor = pivotRow[pivot] || 1e-12;
    for (let column = 0; column < size; column += 1) pivotRow[column] = (pivotRow[column] ?? 0) / divisor;
    for (let column = 0; column < pivotRight.length; column += 1) pivotRight[column] = (pivotRight[column] ?? 0) / divisor;
    for (let row = 0; row < size; row += 1) {
      if (row === pivot) continue;
      const factor = a[row]?.[pivot] ?? 0;
      if (factor === 0) continue;
      const current = a[row] as number[];
      const currentRight = b[row] as number[];
      for (let column = 0; column < size; column += 1) current[column] = (current[column] ?? 0) - factor * (pivotRow[column] ?? 0);
      for (let column = 0; column < currentRight.length; column += 1) currentRight[column] = (currentRight[column] ?? 0) - factor * (pivotRight[column] ?? 0);
    }
  }
  return b;
}
