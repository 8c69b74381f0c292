import type { SparseFeatures } from "../features/feature-space.js";
import { PackedRank16Rows } from "./packed-rank16-rows.js";

/** The prompt side of inference: (g, h_1..h_d) from a prompt's features. */
export interface PromptRows {
  /** Writes (g, h_1..h_d) for a prompt's features into `out`, as `representPrompt` would. */
  represent(features: SparseFeatures, out: Float32Array): Float32Array;
}

/**
 * The feature rows as inference reads them: 8-bit integers with one scale per column, so a
 * row is 17 bytes instead of 68 (quantisation changed held-out Brier by under 1e-5). Scoring a
 * prompt touches a few thousand random rows. Rank 16 (the shipped artifact) gets a packed
 * layout that sums four columns per load (`PackedRank16Rows`); other ranks use this one.
 */
export function compactRows(rows: Float32Array, width: number): PromptRows {
  const quantised = quantiseColumns(rows, width);
  return width === 17 ? new PackedRank16Rows(quantised.values, quantised.scales) : new CompactRows(quantised.values, quantised.scales, width);
}

/** 8-bit rows with one scale per column (the largest magnitude of the column maps to 127). */
export function quantiseColumns(rows: Float32Array, width: number): { values: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(width);
  for (let index = 0; index < rows.length; index += 1) {
    const column = index % width;
    scales[column] = Math.max(scales[column] ?? 0, Math.abs(rows[index] ?? 0));
  }
  for (let column = 0; column < width; column += 1) scales[column] = (scales[column] ?? 0) / 127 || 1;
  const values = new Int8Array(rows.length);
  for (let index = 0; index < rows.length; index += 1) values[index] = Math.round((rows[index] ?? 0) / (scales[index % width] ?? 1));
  return { values, scales };
}

/** Row-major 8-bit rows of any width, summed in floating point. */
class CompactRows implements PromptRows {
  constructor(
    private readonly values: Int8Array,
    private readonly scales: Float32Array,
    private readonly width: number,
  ) {}

  represent(features: SparseFeatures, out: Float32Array): Float32Array {
    const width = this.width;
    const values = this.values;
    const indices = features.indices;
    const weights = features.values;
    out.fill(0);
    for (let index = 0; index < features.count; index += 1) {
      const weight = weights[index] as number;
      let at = (indices[index] as number) * width;
      for (let column = 0; column < width; column += 1, at += 1) out[column] = (out[column] as number) + weight * (values[at] as number);
    }
    for (let column = 0; column < width; column += 1) out[column] = (out[column] as number) * (this.scales[column] as number);
    return out;
  }
}
