import type { SparseFeatures } from "../features/feature-space.js";

/**
 * The feature rows as inference reads them: 16-bit integers with one scale per column, so a
 * row is 34 bytes (one cache line) instead of 68. Scoring a prompt touches a few thousand random
 * rows, and on a busy machine those memory reads, not the arithmetic, set the latency.
 */
export class CompactRows {
  private readonly values: Int16Array;
  private readonly scales: Float32Array;

  constructor(
    rows: Float32Array,
    private readonly width: number,
  ) {
    this.scales = new Float32Array(width);
    for (let index = 0; index < rows.length; index += 1) {
      const column = index % width;
      this.scales[column] = Math.max(this.scales[column] ?? 0, Math.abs(rows[index] ?? 0));
    }
    for (let column = 0; column < width; column += 1) this.scales[column] = (this.scales[column] ?? 0) / 32767 || 1;
    this.values = new Int16Array(rows.length);
    for (let index = 0; index < rows.length; index += 1) this.values[index] = Math.round((rows[index] ?? 0) / (this.scales[index % width] ?? 1));
  }

  /** Writes (g, h_1..h_d) for a prompt's features into `out`, like representPrompt. */
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
