import { CharKind, charKind, lowerAscii } from "./char-class.js";
import type { SparseFeatures } from "./feature-space.js";
import { charGramWindow, hashBuckets, lastBlockTokens, maxWordsHashed, signalCount } from "./feature-space.js";
import { HashSet32 } from "./hash-set.js";
import { WordClass, wordClassOf } from "./keyword-classes.js";
import type { SignalCounts } from "./signal-counts.js";
import { emptySignalCounts, writeSignals } from "./signal-counts.js";
import { estimateTokens } from "./token-estimate.js";
import { combineHash, finishHash, fnvOffset, hashStep } from "./text-hash.js";

const bucketMask = hashBuckets - 1;
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

  /** Writes the features of `text` into `out` (overwriting it) and returns it. */
  extract(text: string, out: SparseFeatures): SparseFeatures {
    this.seen.clear();
    out.count = 0;
    const counts = emptySignalCounts();
    this.scan(text, out, counts);
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

  private scan(text: string, out: SparseFeatures, counts: SignalCounts): void {
    const length = text.length;
    const tailStart = Math.max(charGramWindow, length - charGramWindow);
    let wordHash = fnvOffset;
    let wordLength = 0;
    let wordAllDigits = true;
    let previousToken = 0;
    let tokens = 0;
    let c1 = 32;
    let c2 = 32;
    let lineLength = 0;
    let lastBlockStart = 0;
    const endToken = (hash: number, start: number): void => {
      this.tailHashes[tokens % tailTokens] = hash;
      this.tailStarts[tokens % tailTokens] = start;
      if (tokens < maxWordsHashed) {
        this.emit(hash, out);
        if (tokens > 0) this.emit(combineHash(previousToken, hash, bigramSeed), out);
      }
      previousToken = hash;
      tokens += 1;
    };
    let wordEnd = 0;
    const endWord = (): void => {
      const hash = finishHash(wordHash);
      const wordClass = wordClassOf(hash);
      if (counts.words === 0) {
        counts.startsImperative = wordClass === WordClass.Imperative;
        counts.startsWh = wordClass === WordClass.WhQuestion;
      }
      counts.words += 1;
      counts.wordChars += wordLength;
      if (wordAllDigits) counts.numbers += 1;
      if (wordClass === WordClass.Code) counts.codeWords += 1;
      else if (wordClass === WordClass.Constraint) counts.constraintWords += 1;
      else if (wordClass === WordClass.Answer) counts.answerWords += 1;
      else if (wordClass === WordClass.Math) counts.mathWords += 1;
      endToken(hash, wordEnd - wordLength);
      wordHash = fnvOffset;
      wordLength = 0;
      wordAllDigits = true;
    };
    for (let index = 0; index < length; index += 1) {
      const raw = text.charCodeAt(index);
      const kind = charKind(raw);
      const code = lowerAscii(raw);
      if (kind === CharKind.Word) {
        wordHash = hashStep(wordHash, code);
        wordLength += 1;
        if (raw < 48 || raw > 57) wordAllDigits = false;
        else counts.digits += 1;
        if (raw >= 65 && raw <= 90) counts.upper += 1;
        if (raw >= 128) counts.nonAscii += 1;
      } else {
        wordEnd = index;
        if (wordLength > 0) endWord();
        if (kind === CharKind.Cjk) {
          counts.cjk += 1;
          counts.nonAscii += 1;
          endToken(finishHash(hashStep(fnvOffset, code)), index);
        } else if (kind === CharKind.Symbol) {
          counts.symbols += 1;
          this.countSymbol(text, index, raw, counts);
          endToken(finishHash(hashStep(symbolSeed, code)), index);
        } else if (kind === CharKind.Newline) {
          if (lineLength === 0) {
            counts.blankLines += 1;
            lastBlockStart = index + 1;
          }
          counts.lines += 1;
          lineLength = -1;
          if (isOptionStart(text, index + 1)) counts.optionLines += 1;
        }
      }
      lineLength += kind === CharKind.Space ? 0 : 1;
      if (index < charGramWindow || index >= tailStart) {
        const folded = kind === CharKind.Space || kind === CharKind.Newline ? 32 : code;
        if (!(folded === 32 && c2 === 32)) {
          this.emit(finishHash(Math.imul(c1, 0x01000193) ^ Math.imul(c2, 0x9e3779b1) ^ folded ^ 0x27d4eb2f), out);
          c1 = c2;
          c2 = folded;
        }
      }
    }
    wordEnd = length;
    if (wordLength > 0) endWord();
    this.emitLastBlock(tokens, lastBlockStart, out);
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
