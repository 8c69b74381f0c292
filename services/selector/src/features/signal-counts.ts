import { signalCount } from "./feature-space.js";

/** Raw counts gathered in the featurizer's single pass over the prompt. */
export interface SignalCounts {
  chars: number;
  words: number;
  lines: number;
  blankLines: number;
  digits: number;
  upper: number;
  nonAscii: number;
  cjk: number;
  symbols: number;
  codeFences: number;
  codeWords: number;
  mathSymbols: number;
  mathWords: number;
  latex: number;
  questionMarks: number;
  optionLines: number;
  answerWords: number;
  constraintWords: number;
  numbers: number;
  wordChars: number;
  lastBlockChars: number;
  startsImperative: boolean;
  startsWh: boolean;
  endsQuestion: boolean;
  endsAnswerCue: boolean;
}

/** A zeroed counter. */
export function emptySignalCounts(): SignalCounts {
  return {
    chars: 0,
    words: 0,
    lines: 1,
    blankLines: 0,
    digits: 0,
    upper: 0,
    nonAscii: 0,
    cjk: 0,
    symbols: 0,
    codeFences: 0,
    codeWords: 0,
    mathSymbols: 0,
    mathWords: 0,
    latex: 0,
    questionMarks: 0,
    optionLines: 0,
    answerWords: 0,
    constraintWords: 0,
    numbers: 0,
    wordChars: 0,
    lastBlockChars: 0,
    startsImperative: false,
    startsWh: false,
    endsQuestion: false,
    endsAnswerCue: false,
  };
}

/** Scales the additive counts of a sampled prompt to its full length (shares are unchanged). */
export function scaleCounts(counts: SignalCounts, factor: number): void {
  const additive = [
    "chars",
    "words",
    "lines",
    "blankLines",
    "digits",
    "upper",
    "nonAscii",
    "cjk",
    "symbols",
    "codeFences",
    "codeWords",
    "mathSymbols",
    "mathWords",
    "latex",
    "questionMarks",
    "optionLines",
    "answerWords",
    "constraintWords",
    "numbers",
    "wordChars",
  ] as const;
  for (const key of additive) counts[key] = Math.round(counts[key] * factor);
}

/** Names of the dense signals, in feature order (reports and tests refer to them). */
export const signalNames = [
  "log_chars",
  "log_words",
  "log_lines",
  "digit_share",
  "upper_share",
  "non_ascii_share",
  "cjk_share",
  "symbol_share",
  "code_fences",
  "code_words",
  "math_symbols",
  "math_words",
  "latex",
  "question_marks",
  "option_lines",
  "answer_cues",
  "blank_lines",
  "constraint_words",
  "numbers",
  "starts_imperative",
  "starts_wh",
  "ends_question",
  "ends_answer_cue",
  "last_block_chars",
] as const;

/**
 * Turns raw counts into bounded signal values (shares, and logs scaled to roughly [0,1]), written
 * into `out` at `offset`. Bounded values keep one huge prompt from dominating a linear model.
 */
export function writeSignals(counts: SignalCounts, out: Float32Array, offset: number): void {
  const chars = Math.max(1, counts.chars);
  const words = Math.max(1, counts.words);
  const log = (value: number, scale: number): number => Math.min(1.5, Math.log1p(value) / scale);
  const values = [
    log(counts.chars, 10),
    log(counts.words, 8),
    log(counts.lines, 6),
    counts.digits / chars,
    counts.upper / chars,
    counts.nonAscii / chars,
    counts.cjk / chars,
    counts.symbols / chars,
    log(counts.codeFences, 2),
    log((counts.codeWords * 20) / words, 3),
    log((counts.mathSymbols * 20) / chars, 3),
    log((counts.mathWords * 20) / words, 3),
    log(counts.latex, 3),
    log(counts.questionMarks, 3),
    log(counts.optionLines, 3),
    log(counts.answerWords, 3),
    log(counts.blankLines, 3),
    log(counts.constraintWords, 3),
    log(counts.numbers, 4),
    counts.startsImperative ? 1 : 0,
    counts.startsWh ? 1 : 0,
    counts.endsQuestion ? 1 : 0,
    counts.endsAnswerCue ? 1 : 0,
    log(counts.lastBlockChars, 10),
  ];
  for (let index = 0; index < signalCount; index += 1) out[offset + index] = values[index] ?? 0;
}
