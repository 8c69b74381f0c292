import { CharKind, kindTable } from "./char-class.js";
import { WordClass, wordClassOf } from "./keyword-classes.js";
import type { SignalCounts } from "./signal-counts.js";
import { finishHash, fnvOffset, hashStep } from "./text-hash.js";

const wordKind: number = CharKind.Word;
const cjkKind: number = CharKind.Cjk;
const symbolKind: number = CharKind.Symbol;
const newlineKind: number = CharKind.Newline;
const spaceKind: number = CharKind.Space;
const symbolSeed = 0x5bd1e995;
/** `flags` of a token: a word, and a word made of digits only; CJK characters and symbols are 0. */
const isWord = 1;
const isNumber = 2;

/**
 * The tokens of a prompt's scanned code units (words, CJK characters, symbols), with the
 * structural counts, in two tight passes: the code units, then the tokens. Every token keeps
 * its hash, where it starts and the code-unit index at which its n-grams are emitted (for a
 * word, the unit after it). Why two passes: a single loop that also classified words and
 * updated the counts kept too many values alive for V8's registers and spilled them on every
 * code unit.
 */
export class PromptTokens {
  /** Hash of each token. */
  readonly hashes: Int32Array;
  /** Code-unit index where each token starts. */
  readonly starts: Int32Array;
  /** Code-unit index at which each token's n-grams are emitted. */
  readonly positions: Int32Array;
  private readonly flags: Uint8Array;
  /** Tokens in the scanned text. */
  count = 0;
  /** Where the last block starts: after the last blank line, 0 without one. */
  lastBlockStart = 0;

  /** `capacity`: the most code units one scan may read (at most one token each). */
  constructor(capacity: number) {
    this.hashes = new Int32Array(capacity);
    this.starts = new Int32Array(capacity);
    this.positions = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  /** Tokenizes `text[0..length)` (zeros must follow it) and writes its counts into `counts`. */
  scan(text: Uint16Array, length: number, counts: SignalCounts): void {
    this.split(text, length, counts);
    this.classify(counts);
  }

  /**
   * The pass over code units: token boundaries, their unfinished hashes, and the counts that
   * depend on single code units or lines.
   */
  private split(text: Uint16Array, length: number, counts: SignalCounts): void {
    // Module bindings copied into locals: V8 re-checks module-level bindings on every access.
    const kinds = kindTable;
    const [word, cjk, symbol, newline, space] = [wordKind, cjkKind, symbolKind, newlineKind, spaceKind];
    const { hashes, starts, positions, flags } = this;
    let tokens = 0;
    let lineLength = 0;
    let lastBlockStart = 0;
    let digits = 0;
    let upper = 0;
    let nonAscii = 0;
    for (let index = 0; index < length; index += 1) {
      let unit = text[index] as number;
      let kind = kinds[unit] as number;
      if (kind === word) {
        // A whole word in a tight loop: only what its code units change stays live.
        const start = index;
        const digitsBefore = digits;
        let hash = fnvOffset;
        do {
          hash = Math.imul(hash ^ (unit >= 65 && unit <= 90 ? unit + 32 : unit), 0x01000193);
          if (unit >= 48 && unit <= 57) digits += 1;
          else if (unit >= 65 && unit <= 90) upper += 1;
          else if (unit >= 128) nonAscii += 1;
          index += 1;
          unit = text[index] as number;
          kind = kinds[unit] as number;
        } while (kind === word && index < length);
        hashes[tokens] = hash;
        starts[tokens] = start;
        positions[tokens] = index;
        flags[tokens] = digits - digitsBefore === index - start ? isWord | isNumber : isWord;
        tokens += 1;
        lineLength += index - start;
        if (index >= length) break;
      }
      if (kind === cjk || kind === symbol) {
        hashes[tokens] = hashStep(kind === cjk ? fnvOffset : symbolSeed, unit);
        starts[tokens] = index;
        positions[tokens] = index;
        flags[tokens] = 0;
        tokens += 1;
        if (kind === cjk) {
          counts.cjk += 1;
          nonAscii += 1;
        } else countSymbol(text, index, unit, counts);
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
    this.count = tokens;
    this.lastBlockStart = lastBlockStart;
    counts.digits = digits;
    counts.upper = upper;
    counts.nonAscii = nonAscii;
  }

  /** The pass over tokens: finishes their hashes and counts words by class. */
  private classify(counts: SignalCounts): void {
    const { hashes, starts, positions, flags, count } = this;
    let words = 0;
    let wordChars = 0;
    let numbers = 0;
    const byClass = [0, 0, 0, 0, 0, 0, 0];
    for (let token = 0; token < count; token += 1) {
      const hash = finishHash(hashes[token] as number);
      hashes[token] = hash;
      const flag = flags[token] as number;
      if (flag === 0) continue;
      const wordClass = wordClassOf(hash);
      if (words === 0) {
        counts.startsImperative = wordClass === WordClass.Imperative;
        counts.startsWh = wordClass === WordClass.WhQuestion;
      }
      words += 1;
      wordChars += (positions[token] as number) - (starts[token] as number);
      if (flag !== isWord) numbers += 1;
      byClass[wordClass] = (byClass[wordClass] as number) + 1;
    }
    counts.words = words;
    counts.wordChars = wordChars;
    counts.numbers = numbers;
    counts.codeWords = byClass[WordClass.Code] as number;
    counts.constraintWords = byClass[WordClass.Constraint] as number;
    counts.answerWords = byClass[WordClass.Answer] as number;
    counts.mathWords = byClass[WordClass.Math] as number;
  }
}

function countSymbol(text: Uint16Array, index: number, code: number, counts: SignalCounts): void {
  counts.symbols += 1;
  if (code === 63) counts.questionMarks += 1;
  else if (code === 96 && text[index + 1] === 96 && text[index + 2] === 96) counts.codeFences += 1;
  else if (code === 92) {
    const next = text[index + 1] as number;
    if ((next >= 97 && next <= 122) || (next >= 65 && next <= 90)) counts.latex += 1;
  } else if (code === 36) counts.latex += 1;
  else if (code === 61 || code === 43 || code === 42 || code === 47 || code === 94 || code === 37) counts.mathSymbols += 1;
}

/** A line that starts like a multiple-choice option: "A)", "A.", "(A)", "A:". */
function isOptionStart(text: Uint16Array, index: number): boolean {
  let first = text[index] as number;
  let at = index;
  if (first === 40) {
    at += 1;
    first = text[at] as number;
  }
  if (!(first >= 65 && first <= 72)) return false;
  const next = text[at + 1] as number;
  return next === 41 || next === 46 || next === 58;
}
