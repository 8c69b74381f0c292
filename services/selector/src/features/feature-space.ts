/**
 * The layout of the prompt feature space, shared by training and inference. Changing anything
 * here changes what a trained weight means, so it bumps `featureVersion` and the artifact must be
 * retrained.
 */
export const featureVersion = "f6";

/** Hashed buckets for word unigrams, word bigrams and character trigrams (a power of two). */
export const hashBuckets = 1 << 17;

/** Number of dense structural signals, stored after the hashed buckets. */
export const signalCount = 24;

/** Total feature rows: hashed buckets, then the dense signals. */
export const featureRows = hashBuckets + signalCount;

/** Characters at each end of the prompt that contribute character trigrams. */
export const charGramWindow = 512;

/** Longer prompts are read at their head and tail only (half of this each). */
export const maxScannedChars = 6144;

/** Words beyond this many contribute no n-grams (the signals still see the whole prompt). */
export const maxWordsHashed = 600;

/** Tokens at the end of the prompt that can contribute last-block features. */
export const lastBlockTokens = 256;

/** A prompt as sparse features: `count` indices into the feature rows and their values. */
export interface SparseFeatures {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  /** Full 32-bit hash behind each hashed index (the novelty filter uses more bits than the buckets). */
  readonly hashes: Int32Array;
  count: number;
  /** How many of the entries are hashed (the rest are dense signals). */
  hashedCount: number;
  /**
   * The value of every hashed entry (1 / sqrt(hashedCount)): the hashed part is an L2-normalised
   * indicator vector, so inference can sum a prompt's weight rows as integers and scale once.
   */
  hashedValue: number;
  /** Estimated prompt tokens, counted in the same pass. */
  tokens: number;
}

/** Allocates a reusable feature buffer large enough for any prompt. */
export function createSparseFeatures(): SparseFeatures {
  const capacity = maxWordsHashed * 2 + charGramWindow * 2 + lastBlockTokens * 2 + signalCount + 8;
  return {
    indices: new Int32Array(capacity),
    values: new Float32Array(capacity),
    hashes: new Int32Array(capacity),
    count: 0,
    hashedCount: 0,
    hashedValue: 0,
    tokens: 0,
  };
}

/** Copies the live part of a feature buffer (training keeps one per prompt). */
export function cloneFeatures(features: SparseFeatures): SparseFeatures {
  return {
    indices: features.indices.slice(0, features.count),
    values: features.values.slice(0, features.count),
    hashes: features.hashes.slice(0, features.hashedCount),
    count: features.count,
    hashedCount: features.hashedCount,
    hashedValue: features.hashedValue,
    tokens: features.tokens,
  };
}
