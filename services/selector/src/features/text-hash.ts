/**
 * 32-bit FNV-1a style hashing over UTF-16 code units, shared by the featurizer and the keyword
 * tables so both agree on every word's hash.
 */
export const fnvOffset = 0x811c9dc5;

/** Folds one code unit into a running hash. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** Final avalanche so that nearby inputs spread over the buckets. */
export function finishHash(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Combines two hashes (word bigrams) with a namespace seed. */
export function combineHash(a: number, b: number, seed: number): number {
  return finishHash(Math.imul(a, 0x2c1b3c6d) ^ b ^ Math.imul(seed, 0x297a2d39));
}

/** Hash of a lower-case word, as the featurizer computes it. */
export function hashWord(word: string): number {
  let hash = fnvOffset;
  for (let index = 0; index < word.length; index += 1) hash = hashStep(hash, word.charCodeAt(index));
  return finishHash(hash);
}
