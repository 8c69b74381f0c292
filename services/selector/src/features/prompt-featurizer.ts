import { CharTrigrams } from "./char-trigrams.js";
import { CodeUnitBuffer } from "./code-unit-buffer.js";
import { DistinctBuckets } from "./distinct-buckets.js";
import type { SparseFeatures } from "./feature-space.js";
import { charGramWindow, hashBuckets, lastBlockTokens, maxScannedChars, maxWordsHashed, signalCount } from "./feature-space.js";
import { PromptTokens } from "./prompt-tokens.js";
import type { SignalCounts } from "./signal-counts.js";
import { emptySignalCounts, scaleCounts, writeSignals } from "./signal-counts.js";
import { combineHash } from "./text-hash.js";
import { estimateTokens } from "./token-estimate.js";

const bigramSeed = 2;
const lastBlockSeed = 0x3c6ef372;

/**
 * Turns prompt text into sparse features over its UTF-16 code units: hashed word unigrams and
 * bigrams (CJK characters and symbols are tokens of their own, so Chinese and code get n-grams
 * too), hashed character trigrams at both ends of the prompt, and the dense structural signals.
 * Each hashed bucket counts once and the hashed part is L2-normalised, so long prompts do not
 * drown short ones. Features come in the order of the code unit that completes them (the
 * novelty estimate samples them in that order). Reuses its buffers: not re-entrant, one per
 * thread.
 */
export class PromptFeaturizer {
  private readonly buffer = new CodeUnitBuffer(maxScannedChars + 1);
  private readonly tokens = new PromptTokens(maxScannedChars + 1);
  private readonly trigrams = new CharTrigrams();
  /** Every hashed feature in order, repeats included, before `distinct` keeps each bucket once. */
  private readonly emitted = new Int32Array(2 * maxWordsHashed + 2 * charGramWindow + 2 * lastBlockTokens);
  private readonly distinct = new DistinctBuckets();
  private readonly signals = new Float32Array(signalCount);

  /**
   * Writes the features of `text` into `out` (overwriting it) and returns it. A prompt longer
   * than `maxScannedChars` is read at its head and tail only (where the instruction and the
   * question are), and its counts are scaled up to its full length: constant time per prompt.
   */
  extract(text: string, out: SparseFeatures): SparseFeatures {
    const counts = emptySignalCounts();
    const length = this.buffer.load(text, maxScannedChars);
    const units = this.buffer.units;
    this.tokens.scan(units, length, counts);
    this.trigrams.scan(units, length);
    out.count = 0;
    this.distinct.write(this.emitted, this.emitLastBlock(this.emitHead()), out);
    finishCounts(counts, units, length, this.tokens.lastBlockStart);
    if (text.length > maxScannedChars) scaleCounts(counts, text.length / counts.chars);
    const hashed = out.count;
    out.hashedCount = hashed;
    out.tokens = estimateTokens(counts.chars, counts.cjk);
    out.hashedValue = hashed > 0 ? Math.fround(1 / Math.sqrt(hashed)) : 0;
    out.values.fill(out.hashedValue, 0, hashed);
    writeSignals(counts, this.signals, 0);
    for (let index = 0; index < signalCount; index += 1) {
      out.indices[out.count] = hashBuckets + index;
      out.values[out.count] = this.signals[index] as number;
      out.count += 1;
    }
    return out;
  }

  /**
   * Unigrams and bigrams of the first `maxWordsHashed` tokens merged with the trigrams by
   * position (a token comes before the trigram that ends on the same code unit), into
   * `emitted` from its start; returns how many.
   */
  private emitHead(): number {
    const emitted = this.emitted;
    const { hashes, positions } = this.tokens;
    const { hashes: gramHashes, positions: gramPositions, count: grams } = this.trigrams;
    const tokens = Math.min(this.tokens.count, maxWordsHashed);
    let count = 0;
    let gram = 0;
    for (let token = 0; token < tokens; token += 1) {
      const position = positions[token] as number;
      for (; gram < grams && (gramPositions[gram] as number) < position; gram += 1) emitted[count++] = gramHashes[gram] as number;
      const hash = hashes[token] as number;
      emitted[count++] = hash;
      if (token > 0) emitted[count++] = combineHash(hashes[token - 1] as number, hash, bigramSeed);
    }
    for (; gram < grams; gram += 1) emitted[count++] = gramHashes[gram] as number;
    return count;
  }

  /**
   * The question itself: tokens after the last blank line (the whole prompt when there is
   * none) in a namespace of their own, so a few-shot prompt's shared examples do not drown it.
   * Appended to `emitted` after `count` entries; returns the new count.
   */
  private emitLastBlock(count: number): number {
    const emitted = this.emitted;
    const { hashes, starts, count: tokens, lastBlockStart } = this.tokens;
    let previous = 0;
    let started = false;
    let at = count;
    for (let token = Math.max(0, tokens - lastBlockTokens); token < tokens; token += 1) {
      if ((starts[token] as number) < lastBlockStart) continue;
      const hash = hashes[token] as number;
      emitted[at++] = combineHash(hash, 0, lastBlockSeed);
      if (started) emitted[at++] = combineHash(previous, hash, lastBlockSeed + 1);
      previous = hash;
      started = true;
    }
    return at;
  }
}

/** The counts that depend on the whole scanned text rather than on one token. */
function finishCounts(counts: SignalCounts, units: Uint16Array, length: number, lastBlockStart: number): void {
  counts.chars = length;
  counts.lastBlockChars = length - lastBlockStart;
  counts.endsQuestion = endsWith(units, length, 63);
  counts.endsAnswerCue = endsWith(units, length, 58);
}

/** True when the last non-space code unit of `text[0..length)` is `code`. */
function endsWith(text: Uint16Array, length: number, code: number): boolean {
  for (let index = length - 1; index >= 0; index -= 1) {
    const current = text[index] as number;
    if (current > 32) return current === code;
  }
  return false;
}
