import type { SparseFeatures } from "../features/feature-space.js";

/**
 * A bit filter of the hashed features that occurred in at least two training prompts, keyed
 * on more hash bits than the weight buckets (so collisions do not hide unseen text). The share
 * of a prompt's features missing from it is the raw novelty: about 0.1-0.3 for prompts like the
 * training data, near 1 for a language, domain or format the data never showed.
 */
export class NoveltyFilter {
  constructor(
    readonly bits: Uint8Array,
    readonly log2Bits: number,
  ) {}

  /** A filter of 2^log2Bits bits, all clear. */
  static empty(log2Bits: number): NoveltyFilter {
    return new NoveltyFilter(new Uint8Array((1 << log2Bits) >>> 3), log2Bits);
  }

  /** Bit position of a feature hash. */
  slot(hash: number): number {
    return (Math.imul(hash, 0x2545f491) >>> (32 - this.log2Bits)) >>> 0;
  }

  /** Sets a slot's bit. */
  set(slot: number): void {
    this.bits[slot >>> 3] = (this.bits[slot >>> 3] ?? 0) | (1 << (slot & 7));
  }

  /**
   * Share of the prompt's hashed features not in the filter (0 for an empty prompt). Past 256
   * features it looks at an evenly spaced sample of about 256 of them: a share estimated from
   * that many is precise enough, and each look-up is a likely cache miss in a 512 KiB filter.
   */
  unseenShare(features: SparseFeatures): number {
    if (features.hashedCount === 0) return 0;
    const stride = Math.max(1, Math.floor(features.hashedCount / 256));
    let unseen = 0;
    let looked = 0;
    for (let index = 0; index < features.hashedCount; index += stride) {
      const slot = this.slot(features.hashes[index] ?? 0);
      if (((this.bits[slot >>> 3] ?? 0) & (1 << (slot & 7))) === 0) unseen += 1;
      looked += 1;
    }
    return unseen / looked;
  }
}

/** Builds the filter from training prompts: a feature is kept once it is seen in two prompts. */
export function buildNoveltyFilter(prompts: readonly SparseFeatures[], log2Bits: number): NoveltyFilter {
  const filter = NoveltyFilter.empty(log2Bits);
  const once = NoveltyFilter.empty(log2Bits);
  for (const features of prompts) {
    for (let index = 0; index < features.hashedCount; index += 1) {
      const slot = filter.slot(features.hashes[index] ?? 0);
      const byte = slot >>> 3;
      const mask = 1 << (slot & 7);
      if (((once.bits[byte] ?? 0) & mask) !== 0) filter.set(slot);
      else once.set(slot);
    }
  }
  return filter;
}

/**
 * Maps raw novelty to [0,1]: 0 up to the in-distribution median, 0.5 at its 95th percentile,
 * rising to 1 as the prompt's features become entirely unseen.
 */
export function scaleNovelty(raw: number, median: number, p95: number): number {
  if (raw <= median) return 0;
  if (raw <= p95) return (0.5 * (raw - median)) / Math.max(1e-6, p95 - median);
  return Math.min(1, 0.5 + (0.5 * (raw - p95)) / Math.max(1e-6, 1 - p95));
}
