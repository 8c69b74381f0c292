import type { SparseFeatures } from "../features/feature-space.js";
import { hashBuckets } from "../features/feature-space.js";

/** Features summed per block: 256 biased bytes (at most 255 each) fit a 16-bit lane. */
const block = 256;
const evenBytes = 0x00ff00ff;

/**
 * The 8-bit feature rows of a rank-16 model, laid out so that one 32-bit load brings four
 * columns: per row, columns 1..16 as four words of unsigned bytes (value + 128), 16 bytes
 * aligned to a quarter of a cache line, and column 0 in an array of its own.
 *
 * Why: the representation sums a few thousand random rows per prompt, and loading 17 bytes
 * one by one (each a bounds-checked typed-array read) cost more than the rest of Score. Every
 * hashed feature has the same value, so the sum is that value times an integer sum of rows;
 * the integers are added two lanes per 32-bit word (`x & 0x00ff00ff` and `(x >>> 8) & ...`),
 * flushed every 256 features. The result equals the byte-by-byte floating-point sum exactly:
 * each partial sum there is the value times an integer below 2^19, exact in a double.
 */
export class PackedRank16Rows {
  private readonly first: Int8Array;
  private readonly packed: Int32Array;
  /** The dense signals' rows as they are (row-major, width 17), from feature row `hashBuckets`. */
  private readonly signalRows: Int8Array;
  private readonly sums = new Int32Array(17);
  private readonly totals = new Float64Array(17);

  /** `values`: row-major 8-bit rows of width 17; `scales`: one per column. */
  constructor(
    values: Int8Array,
    private readonly scales: Float32Array,
  ) {
    const rows = values.length / 17;
    this.signalRows = values.slice(hashBuckets * 17);
    this.first = new Int8Array(rows);
    this.packed = new Int32Array(rows * 4);
    for (let row = 0; row < rows; row += 1) {
      this.first[row] = values[row * 17] as number;
      for (let word = 0; word < 4; word += 1) {
        let bytes = 0;
        for (let byte = 0; byte < 4; byte += 1) bytes |= (((values[row * 17 + 1 + word * 4 + byte] as number) + 128) & 255) << (8 * byte);
        this.packed[row * 4 + word] = bytes;
      }
    }
  }

  represent(features: SparseFeatures, out: Float32Array): Float32Array {
    const sums = this.sums;
    sums.fill(0);
    for (let start = 0; start < features.hashedCount; start += block) this.addBlock(features.indices, start, Math.min(features.hashedCount, start + block));
    const totals = this.totals;
    for (let column = 0; column < 17; column += 1) totals[column] = features.hashedValue * (sums[column] as number);
    this.addSignals(features, totals);
    for (let column = 0; column < 17; column += 1) out[column] = (totals[column] as number) * (this.scales[column] as number);
    return out;
  }

  /** Adds the integer rows of `indices[start..end)` (at most 256) to `sums`. */
  private addBlock(indices: Int32Array, start: number, end: number): void {
    const first = this.first;
    const packed = this.packed;
    let g = 0;
    let a0 = 0,
      b0 = 0,
      a1 = 0,
      b1 = 0,
      a2 = 0,
      b2 = 0,
      a3 = 0,
      b3 = 0;
    for (let index = start; index < end; index += 1) {
      const row = indices[index] as number;
      const at = row << 2;
      g += first[row] as number;
      const x0 = packed[at] as number;
      const x1 = packed[at + 1] as number;
      const x2 = packed[at + 2] as number;
      const x3 = packed[at + 3] as number;
      a0 = (a0 + (x0 & evenBytes)) | 0;
      b0 = (b0 + ((x0 >>> 8) & evenBytes)) | 0;
      a1 = (a1 + (x1 & evenBytes)) | 0;
      b1 = (b1 + ((x1 >>> 8) & evenBytes)) | 0;
      a2 = (a2 + (x2 & evenBytes)) | 0;
      b2 = (b2 + ((x2 >>> 8) & evenBytes)) | 0;
      a3 = (a3 + (x3 & evenBytes)) | 0;
      b3 = (b3 + ((x3 >>> 8) & evenBytes)) | 0;
    }
    const bias = 128 * (end - start);
    const sums = this.sums;
    sums[0] = (sums[0] as number) + g;
    addLanes(sums, 1, a0, b0, bias);
    addLanes(sums, 5, a1, b1, bias);
    addLanes(sums, 9, a2, b2, bias);
    addLanes(sums, 13, a3, b3, bias);
  }

  /** Adds the dense signals (after the hashed entries) in floating point, in feature order. */
  private addSignals(features: SparseFeatures, totals: Float64Array): void {
    const rows = this.signalRows;
    for (let index = features.hashedCount; index < features.count; index += 1) {
      const weight = features.values[index] as number;
      const at = ((features.indices[index] as number) - hashBuckets) * 17;
      for (let column = 0; column < 17; column += 1) totals[column] = (totals[column] as number) + weight * (rows[at + column] as number);
    }
  }
}

/** Unpacks one word's two lane sums: `even` holds columns c and c+2, `odd` c+1 and c+3. */
function addLanes(sums: Int32Array, column: number, even: number, odd: number, bias: number): void {
  sums[column] = (sums[column] as number) + (even & 0xffff) - bias;
  sums[column + 1] = (sums[column + 1] as number) + (odd & 0xffff) - bias;
  sums[column + 2] = (sums[column + 2] as number) + (even >>> 16) - bias;
  sums[column + 3] = (sums[column + 3] as number) + (odd >>> 16) - bias;
}
