import { answerBuckets } from "./answer-features.js";
import type { AnswerFeatures } from "./answer-features.js";

/** Weights of the answer scorer's buckets: what inference reads. */
export interface AnswerWeights {
  weight(id: number): number;
}

/** The training form: one float per bucket. */
export class DenseAnswerWeights implements AnswerWeights {
  readonly values = new Float32Array(answerBuckets);

  weight(id: number): number {
    return this.values[id] ?? 0;
  }
}

/**
 * The shipped form: only the buckets whose weight is not zero, as sorted ids and their float32
 * values, looked up by binary search (about 17 steps). Reads the same float32 as the dense form.
 */
export class PackedAnswerWeights implements AnswerWeights {
  constructor(
    readonly ids: Int32Array,
    readonly values: Float32Array,
  ) {}

  static fromDense(dense: DenseAnswerWeights): PackedAnswerWeights {
    let count = 0;
    for (const value of dense.values) if (value !== 0) count += 1;
    const ids = new Int32Array(count);
    const values = new Float32Array(count);
    let next = 0;
    dense.values.forEach((value, id) => {
      if (value === 0) return;
      ids[next] = id;
      values[next] = value;
      next += 1;
    });
    return new PackedAnswerWeights(ids, values);
  }

  weight(id: number): number {
    let low = 0;
    let high = this.ids.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = this.ids[middle] ?? 0;
      if (found === id) return this.values[middle] ?? 0;
      if (found < id) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }
}

/** The linear score of features under weights (summed in feature order, in float64). */
export function linearScore(weights: AnswerWeights, features: Pick<AnswerFeatures, "ids" | "values" | "count">, bias: number): number {
  let sum = bias;
  for (let index = 0; index < features.count; index += 1) sum += weights.weight(features.ids[index] ?? 0) * (features.values[index] ?? 0);
  return sum;
}
