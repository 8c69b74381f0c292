import { combineHash, finishHash, fnvOffset, hashStep, hashWord } from "../features/text-hash.js";

/** Version of the answer features; the scorer's artifact must match it. */
export const answerFeatureVersion = "a1";

/** Hash buckets of the answer scorer (words, bigrams, model, crosses). */
export const answerBuckets = 1 << 18;

/** Answer characters read: the head and the tail (the verdict of a long answer is at its end). */
const headChars = 3000;
const tailChars = 800;

/** One example's features: bucket ids and values (the hashed words L2-normalised). */
export interface AnswerFeatures {
  readonly ids: Int32Array;
  readonly values: Float32Array;
  count: number;
  /** What the prompt asks for (`promptAsk`), read once for the features and the calibration. */
  ask: string;
}

/** The most features one example may have. */
export const maxAnswerFeatures = 2048;

export function createAnswerFeatures(): AnswerFeatures {
  return { ids: new Int32Array(maxAnswerFeatures), values: new Float32Array(maxAnswerFeatures), count: 0, ask: "" };
}

const namespace = { word: 1, bigram: 2, model: 3, signal: 4, cross: 5, modelShape: 6 } as const;

function bucket(hash: number, seed: number): number {
  return (combineHash(hash, seed, seed) >>> 0) % answerBuckets;
}

function push(out: AnswerFeatures, id: number, value: number): void {
  if (out.count >= maxAnswerFeatures || value === 0) return;
  out.ids[out.count] = id;
  out.values[out.count] = value;
  out.count += 1;
}

/** Lower-case word hashes of the answer's head and tail. */
function answerWords(answer: string): number[] {
  const text = answer.length > headChars + tailChars ? `${answer.slice(0, headChars)} ${answer.slice(-tailChars)}` : answer;
  const hashes: number[] = [];
  let hash = fnvOffset;
  let length = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const code = index < text.length ? text.charCodeAt(index) : 32;
    const lower = code >= 65 && code <= 90 ? code + 32 : code;
    const wordChar = (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) || lower === 95 || lower > 127;
    if (wordChar) {
      hash = hashStep(hash, lower);
      length += 1;
    } else {
      if (length > 0) hashes.push(finishHash(hash));
      if (lower > 32 && lower < 127) hashes.push(finishHash(hashStep(fnvOffset, lower)));
      hash = fnvOffset;
      length = 0;
    }
  }
  return hashes;
}

/** The answer's shape, one word: what kind of answer it is. */
export function answerShape(answer: string): string {
  const trimmed = answer.trim();
  if (trimmed === "") return "empty";
  if (/^\(?[A-Ea-e][).:]?$/.test(trimmed) || /^(answer:?\s*)?\(?[A-E]\)?[.]?$/i.test(trimmed)) return "letter";
  if (/^(i'?m sorry|i cannot|i can'?t|as an ai|i am unable|i'?m unable)/i.test(trimmed)) return "refusal";
  if (/```|^\s*(def|class|import|from)\s/m.test(trimmed)) return "code";
  if (trimmed.length < 40) return "short";
  return trimmed.length < 600 ? "medium" : "long";
}

/** The calibration stratum of an answer: its quality kind and what the prompt asks for ("binary|code"). */
export function calibrationSlot(kind: string, ask: string): string {
  return `${kind}|${ask}`;
}

/** What the prompt asks for, one word (a cheap reading of its format cues). */
export function promptAsk(prompt: string): string {
  const tail = prompt.slice(-1200);
  if (/single choice|^\s*\(?[A-D][).]\s/m.test(tail)) return "choice";
  if (/\bdef\s|python function|write a function|```/i.test(tail)) return "code";
  if (/\d\s*[-+*/^=]\s*\d|how many|calculate|solve/i.test(tail)) return "math";
  return "open";
}

const refusal = /\b(i'?m sorry|i cannot|i can'?t help|as an ai|i am unable|i'?m unable|i don'?t have access)\b/i;
const hedge = /\b(i'?m not sure|it depends|i don'?t know|unclear|might be|possibly)\b/i;

/** Numeric signals of the answer against its prompt, each in about [0, 1]. */
function signals(prompt: string, answer: string, words: readonly number[], promptWords: ReadonlySet<number>): number[] {
  const trimmed = answer.trim();
  let overlap = 0;
  for (const word of words) if (promptWords.has(word)) overlap += 1;
  const lines = trimmed === "" ? 0 : trimmed.split("\n").length;
  const lastChar = trimmed.charAt(trimmed.length - 1);
  return [
    Math.log1p(trimmed.length) / 9,
    Math.log1p(lines) / 5,
    words.length === 0 ? 0 : overlap / words.length,
    refusal.test(answer.slice(0, 400)) ? 1 : 0,
    hedge.test(answer) ? 1 : 0,
    trimmed.length > 200 && !/[.!?`)\]}"'*]/.test(lastChar) ? 1 : 0,
    Math.min(1, trimmed.length / Math.max(1, prompt.length)),
    /\d/.test(trimmed) ? 1 : 0,
  ];
}

/**
 * Features of (prompt, answer, model): the answer's hashed words and bigrams (L2-normalised),
 * the model's identity, numeric signals of the answer (length, lines, overlap with the prompt,
 * refusal, hedging, a cut-off ending), and crosses of what the prompt asks for with the
 * answer's shape, alone and per model (a letter where a letter was asked for, code where code
 * was asked for). A model never seen in training keeps every feature but its identity.
 */
export function extractAnswerFeatures(prompt: string, answer: string, model: string, kind: string, out: AnswerFeatures): AnswerFeatures {
  out.count = 0;
  out.ask = promptAsk(prompt);
  const words = answerWords(answer);
  const promptWords = new Set(answerWords(prompt.slice(-2000)));
  const weight = 1 / Math.sqrt(Math.max(1, 2 * words.length - 1));
  for (let index = 0; index < words.length; index += 1) {
    push(out, bucket(words[index] ?? 0, namespace.word), weight);
    if (index > 0) push(out, bucket(combineHash(words[index - 1] ?? 0, words[index] ?? 0, namespace.bigram), namespace.bigram), weight);
  }
  const modelHash = hashWord(model);
  const kindHash = hashWord(kind);
  push(out, bucket(combineHash(modelHash, kindHash, namespace.model), namespace.model), 1);
  signals(prompt, answer, words, promptWords).forEach((value, index) =>
    push(out, bucket(combineHash(kindHash, index, namespace.signal), namespace.signal), value),
  );
  const cross = hashWord(`${out.ask}|${answerShape(answer)}`);
  push(out, bucket(combineHash(cross, kindHash, namespace.cross), namespace.cross), 1);
  push(out, bucket(combineHash(cross, modelHash, namespace.modelShape), namespace.modelShape), 1);
  push(out, bucket(kindHash, namespace.signal), 1);
  return out;
}
