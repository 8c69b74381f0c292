/** Refusals: an answer that declines is escalated, not returned. */
const refusalPattern =
  /^(?:\s*(?:i'?m sorry|i apologi[sz]e|sorry)[,.]?\s*)?(?:but\s+)?(?:i\s+(?:can(?:no|')t|cannot|won'?t|am (?:not able|unable)|'m (?:not able|unable))\s+(?:help|assist|comply|provide|answer|do that|fulfil|fulfill))/i;

/** True when the answer declines the request. */
export function isRefusal(answer: string): boolean {
  return refusalPattern.test(answer.trim().slice(0, 200));
}

const choicePatterns = [
  /(?:answer|option|choice)\s*(?:is|:)?\s*[:(]?\s*\(?([A-E])\)?(?![a-z])/i,
  /^\s*\(?([A-E])\)?(?:[.):\s]|$)/,
  /\\boxed\{\s*\(?([A-E])\)?\s*\}/,
];
const numberPatterns = [/\\boxed\{\s*(-?[\d,]*\.?\d+)\s*\}/, /####\s*(-?[\d,]*\.?\d+)/, /answer\s*(?:is|:)\s*\$?(-?[\d,]*\.?\d+)/i];

/**
 * The answer's final choice letter or number when one can be extracted, normalised for
 * comparison ("B", "42"); undefined for free-form answers. Two cheap models agreeing on an
 * extracted answer is strong evidence the answer is right, and costs far less than a big model.
 */
export function extractAnswer(text: string): string | undefined {
  for (const pattern of choicePatterns) {
    const match = pattern.exec(text);
    if (match?.[1]) return match[1].toUpperCase();
  }
  for (const pattern of numberPatterns) {
    const match = pattern.exec(text);
    if (match?.[1]) return normaliseNumber(match[1]);
  }
  const numbers = text.match(/-?\d[\d,]*\.?\d*/g);
  return numbers && numbers.length > 0 && text.length < 400 ? normaliseNumber(numbers[numbers.length - 1]!) : undefined;
}

/** True when the prompt asks for something extractable (options A-D, or a numeric result). */
export function expectsExtractableAnswer(prompt: string, taskType: string): boolean {
  if (/multiple_choice|math|mcq|arithmetic/i.test(taskType)) return true;
  return /(?:^|\n)\s*\(?[A-D][).:]\s+\S/m.test(prompt) || /\\boxed|####|how many|what is the (?:sum|product|value)/i.test(prompt);
}

/** Confidence from token log-probabilities: the geometric-mean token probability. */
export function logprobConfidence(meanLogprob: number): number {
  return Math.min(1, Math.max(0, Math.exp(meanLogprob)));
}

/**
 * The selector's view of an answer's chance of being good, shrunk towards 0.5 as the selector's
 * own confidence falls, so an unfamiliar prompt does not pass a cascade on a guess.
 */
export function selectorConfidence(predictedQuality: number, selectorTrust: number): number {
  const trust = Math.min(1, Math.max(0, selectorTrust));
  return trust * predictedQuality + (1 - trust) * 0.5;
}

function normaliseNumber(text: string): string {
  const value = Number(text.replace(/,/g, ""));
  return Number.isFinite(value) ? String(value) : text;
}
