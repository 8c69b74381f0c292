import { CharKind, charKind } from "./char-class.js";
import type { SparseFeatures } from "./feature-space.js";
import { charGramWindow, hashBuckets, lastBlockTokens, maxScannedChars, maxWordsHashed, signalCount } from "./feature-space.js";
import { HashSet32 } from "./hash-set.js";
import { WordClass, wordClassOf } from "./keyword-classes.js";
import type { SignalCounts } from "./signal-counts.js";
import { emptySignalCounts, scaleCounts, writeSignals } from "./signal-counts.js";
import { estimateTokens } from "./token-estimate.js";
import { combineHash, finishHash, fnvOffset, hashStep } from "./text-hash.js";

const bucketMask = hashBuckets - 1;
const wordKind: number = CharKind.Word;
const cjkKind: number = CharKind.Cjk;
const symbolKind: number = CharKind.Symbol;
const newlineKind: number = CharKind.Newline;
const spaceKind: number = CharKind.Space;

/** Character kind of every UTF-16 code unit, computed once (one load per character). */
const kindTable = Uint8Array.from({ length: 65536 }, (_, code) => charKind(code));
const bigramSeed = 2;
const lastBlockSeed = 0x3c6ef372;
const tailTokens = lastBlockTokens;
const symbolSeed = 0x5bd1e995;

/**
 * Turns prompt text into sparse features in one pass over its UTF-16 code units: hashed word
 * unigrams and bigrams (CJK characters and symbols are tokens of their own, so Chinese and code
 * get n-grams too), hashed character trigrams at both ends of the prompt, and the dense
 * structural signals. Each hashed bucket counts once and the hashed part is L2-normalised, so
 * long prompts do not drown short ones. Reuses its buffers: not re-entrant, one per thread.
 */
export class PromptFeaturizer {
  private readonly seen = new HashSet32(8192);
  private readonly signals = new Float32Array(signalCount);
  private readonly tailHashes = new Int32Array(tailTokens);
  private readonly tailStarts = new Int32Array(tailTokens);
  private tokens = 0;
  private previousToken = 0;

  /**
   * Writes the features of `text` into `out` (overwriting it) and returns it. A prompt longer
   * than `maxScannedChars` is read at its head and tail only (where the instruction and the
   * question are), and its counts are scaled up to its full length: constant time per prompt.
   */
  extract(text: string, out: SparseFeatures): SparseFeatures {
    this.seen.clear();
    out.count = 0;
    const counts = emptySignalCounts();
    const half = maxScannedChars / 2;
    const sampled = text.length > maxScannedChars;
    this.scan(sampled ? `${text.slice(0, half)}\n${text.slice(text.length - half)}` : text, out, counts);
    if (sampled) scaleCounts(counts, text.length / counts.chars);
    const hashed = out.count;
    out.hashedCount = hashed;
    out.tokens = estimateTokens(counts.chars, counts.cjk);
    const value = hashed > 0 ? 1 / Math.sqrt(hashed) : 0;
    out.values.fill(value, 0, hashed);
    writeSignals(counts, this.signals, 0);
    for (let index = 0; index < signalCount; index += 1) {
      out.indices[out.count] = hashBuckets + index;
      out.values[out.count] = this.signals[index] ?? 0;
      out.count += 1;
    }
    return out;
  }

  private emit(hash: number, out: SparseFeatures): void {
    const bucket = hash & bucketMask;
    if (this.seen.add(bucket)) {
      out.indices[out.count] = bucket;
      out.hashes[out.count] = hash;
      out.count += 1;
    }
  }

  /** Ends a token (word, CJK character or symbol): unigram and bigram features, tail memory. */
  private endToken(hash: number, start: number, out: SparseFeatures): void {
    const tokens = this.tokens;
    this.tailHashes[tokens % tailTokens] = hash;
    this.tailStarts[tokens % tailTokens] = start;
    if (tokens < maxWordsHashed) {
      this.emit(hash, out);
      if (tokens > 0) this.emit(combineHash(this.previousToken, hash, bigramSeed), out);
    }
    this.previousToken = hash;
    this.tokens = tokens + 1;
  }

  /** Ends a word: its class counts towards the signals, then it is a token. */
  private endWord(wordHash: number, wordLength: number, allDigits: boolean, end: number, counts: SignalCounts, out: SparseFeatures): void {
    const hash = finishHash(wordHash);
    const wordClass = wordClassOf(hash);
    if (counts.words === 0) {
      counts.startsImperative = wordClass === WordClass.Imperative;
      counts.startsWh = wordClass === WordClass.WhQuestion;
    }
    counts.words += 1;
    counts.wordChars += wordLength;
    if (allDigits) counts.numbers += 1;
    if (wordClass === WordClass.Code) counts.codeWords += 1;
    else if (wordClass === WordClass.Constraint) counts.constraintWords += 1;
    else if (wordClass === WordClass.Answer) counts.answerWords += 1;
    else if (wordClass === WordClass.Math) counts.mathWords += 1;
    this.endToken(hash, end - wordLength, out);
  }

  /**
   * The single pass. Per-character state stays in local variables (no closures capture them,
   * so they live in registers); per-word work goes through methods.
   */
  private scan(text: string, out: SparseFeatures, counts: SignalCounts): void {
    // Module bindings copied into locals: V8 re-checks imported and module-level bindings on
    // every access in a hot loop, which cost more than the rest of the loop together.
    const kinds = kindTable;
    const window = charGramWindow;
    const [word, cjk, symbol, newline, space] = [wordKind, cjkKind, symbolKind, newlineKind, spaceKind];
    const length = text.length;
    const tailStart = Math.max(window, length - window);
    this.tokens = 0;
    this.previousToken = 0;
    let wordHash = fnvOffset;
    let wordLength = 0;
    let wordAllDigits = true;
    let c1 = 32;
    let c2 = 32;
    let lineLength = 0;
    let lastBlockStart = 0;
    let digits = 0;
    let upper = 0;
    let nonAscii = 0;
    for (let index = 0; index < length; index += 1) {
      const raw = text.charCodeAt(index);
      const kind = kinds[raw] as number;
      const code = raw >= 65 && raw <= 90 ? raw + 32 : raw;
      if (kind === word) {
        wordHash = Math.imul(wordHash ^ code, 0x01000193);
        wordLength += 1;
        if (raw < 48 || raw > 57) wordAllDigits = false;
        else digits += 1;
        if (raw >= 65 && raw <= 90) upper += 1;
        if (raw >= 128) nonAscii += 1;
        lineLength += 1;
      } else {
        if (wordLength > 0) {
          this.endWord(wordHash, wordLength, wordAllDigits, index, counts, out);
          wordHash = fnvOffset;
          wordLength = 0;
          wordAllDigits = true;
        }
        if (kind === cjk) {
          counts.cjk += 1;
          nonAscii += 1;
          this.endToken(finishHash(hashStep(fnvOffset, code)), index, out);
        } else if (kind === symbol) {
          counts.symbols += 1;
          this.countSymbol(text, index, raw, counts);
          this.endToken(finishHash(hashStep(symbolSeed, code)), index, out);
        } else if (kind === newline) {
          if (lineLength === 0) {
            counts.blankLines += 1;
            lastBlockStart = index + 1;
          }
          counts.lines += 1;
          lineLength = -1;
          if (isOptionStart(text, index + 1)) counts.optionLines += 1;
        }
        if (kind !== space) lineLength += 1;
      }
      if (index < window || index >= tailStart) {
        const folded = kind === space || kind === newline ? 32 : code;
        if (!(folded === 32 && c2 === 32)) {
          this.emit(finishHash(Math.imul(c1, 0x01000193) ^ Math.imul(c2, 0x9e3779b1) ^ folded ^ 0x27d4eb2f), out);
          c1 = c2;
          c2 = folded;
        }
      }
    }
    if (wordLength > 0) this.endWord(wordHash, wordLength, wordAllDigits, length, counts, out);
    this.emitLastBlock(this.tokens, lastBlockStart, out);
    counts.digits = digits;
    counts.upper = upper;
    counts.nonAscii = nonAscii;
    counts.chars = length;
    counts.lastBlockChars = length - lastBlockStart;
    counts.endsQuestion = endsWith(text, 63);
    counts.endsAnswerCue = endsWith(text, 58);
  }

  /**
   * The question itself: tokens after the last blank line (the whole prompt when there is
   * none) in a namespace of their own, so a few-shot prompt's shared examples do not drown it.
   */
  private emitLastBlock(tokens: number, lastBlockStart: number, out: SparseFeatures): void {
    const first = Math.max(0, tokens - tailTokens);
    let previous = 0;
    let started = false;
    for (let token = first; token < tokens; token += 1) {
      if ((this.tailStarts[token % tailTokens] ?? 0) < lastBlockStart) continue;
      const hash = this.tailHashes[token % tailTokens] ?? 0;
      this.emit(combineHash(hash, 0, lastBlockSeed), out);
      if (started) this.emit(combineHash(previous, hash, lastBlockSeed + 1), out);
      previous = hash;
      started = true;
    }
  }

  private countSymbol(text: string, index: number, code: number, counts: SignalCounts): void {
    if (code === 63) counts.questionMarks += 1;
    else if (code === 96 && text.charCodeAt(index + 1) === 96 && text.charCodeAt(index + 2) === 96) counts.codeFences += 1;
    else if (code === 92) {
      const next = text.charCodeAt(index + 1);
      if ((next >= 97 && next <= 122) || (next >= 65 && next <= 90)) counts.latex += 1;
    } else if (code === 36) counts.latex += 1;
    else if (code === 61 || code === 43 || code === 42 || code === 47 || code === 94 || code === 37) counts.mathSymbols += 1;
  }
}

/** A line that starts like a multiple-choice option: "A)", "A.", "(A)", "A:". */
function isOptionStart(text: string, index: number): boolean {
  let first = text.charCodeAt(index);
  let at = index;
  if (first === 40) {
    at += 1;
    first = text.charCodeAt(at);
  }
  if (!(first >= 65 && first <= 72)) return false;
  const next = text.charCodeAt(at + 1);
  return next === 41 || next === 46 || next === 58;
}

/** True when the last non-space code unit of `text` is `code`. */
function endsWith(text: string, code: number): boolean {
  for (let index = text.length - 1; index >= 0; index -= 1) {
    const current = text.charCodeAt(index);
    if (current > 32) return current === code;
  }
  return false;
}
