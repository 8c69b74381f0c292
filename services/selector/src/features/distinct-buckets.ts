import type { SparseFeatures } from "./feature-space.js";
import { hashBuckets } from "./feature-space.js";

const bucketMask = hashBuckets - 1;

/**
 * Writes hashed features into a `SparseFeatures`, each bucket once (the first hash that lands
 * in it wins), in the order given. The buckets already written are one bit each (16 KiB for
 * 2^17 buckets, so the set stays in the first-level cache): a test is a shift, a load and a
 * mask, with no probing, and clearing afterwards touches only the words that were set.
 */
export class DistinctBuckets {
  private readonly seen = new Int32Array(hashBuckets >>> 5);

  /** Appends the distinct buckets of `hashes[0..count)` to `out` (from `out.count`). */
  write(hashes: Int32Array, count: number, out: SparseFeatures): void {
    const seen = this.seen;
    const indices = out.indices;
    const kept = out.hashes;
    const first = out.count;
    let written = first;
    for (let index = 0; index < count; index += 1) {
      const hash = hashes[index] as number;
      const bucket = hash & bucketMask;
      const word = bucket >>> 5;
      const bit = 1 << (bucket & 31);
      const bits = seen[word] as number;
      // Branch-free: the slot is always written and kept only when the bucket is new, because
      // whether a bucket repeats is a coin toss the branch predictor would keep losing.
      seen[word] = bits | bit;
      indices[written] = bucket;
      kept[written] = hash;
      written += ((bits >>> (bucket & 31)) & 1) ^ 1;
    }
    for (let index = first; index < written; index += 1) seen[(indices[index] as number) >>> 5] = 0;
    out.count = written;
  }
}
