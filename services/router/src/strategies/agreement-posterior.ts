/**
 * How much an extracted answer (a choice letter, a number) is to be believed once several models
 * have given one. Each model's vote is weighed by its calibrated chance of being right on this
 * prompt (the selector's prediction): a model right with probability p among c options is
 * p(c-1)/(1-p) times likelier to name the true option than any given wrong one. Models err
 * together (the same trick question fools most of them), so for each answer only the strongest
 * model naming it counts in full and every further one at `furtherVoteWeight`. Replaying the
 * RouterBench training file's recorded answers offline with the committed selector's predictions,
 * the panels accepted at bars 0.85-0.9 were predicted 0.934-0.939 likely right and were right
 * 0.931-0.951 of the time; a plain naive-Bayes product (every vote in full) claimed 0.94 for
 * agreements right 0.80 of the time.
 */
export const furtherVoteWeight = 0.25;

/** Options assumed for a numeric answer: wrong numbers rarely coincide, but are not unique. */
const numericChoices = 10;

/** One model's extracted answer and its calibrated chance of being right. */
export interface Vote {
  readonly answer: string;
  readonly quality: number;
}

/** The answer most likely right given the votes, and that probability. */
export interface Verdict {
  readonly answer: string;
  readonly probability: number;
}

/** How many options the prompt offers: the distinct option letters of its last question, else the numeric default. */
export function answerChoices(prompt: string): number {
  const lastQuestion =
    prompt
      .slice(-1500)
      .split(/\n\s*\n/)
      .pop() ?? "";
  const letters = new Set([...lastQuestion.matchAll(/(?:^|\n)\s*\(?([A-E])[).:]\s+\S/g)].map((match) => match[1]));
  return letters.size >= 2 ? letters.size : numericChoices;
}

/** Evidence (log-likelihood ratio) one vote gives its answer; a model no better than chance gives none. */
function evidence(quality: number, choices: number): number {
  const p = Math.min(0.999, Math.max(1e-3, quality));
  return Math.max(0, Math.log((p * (choices - 1)) / (1 - p)));
}

/** The weight of evidence for one answer: its strongest vote in full, the rest discounted. */
function weightOf(qualities: readonly number[], choices: number): number {
  const sorted = qualities.map((quality) => evidence(quality, choices)).sort((left, right) => right - left);
  return (sorted[0] ?? 0) + furtherVoteWeight * sorted.slice(1).reduce((sum, each) => sum + each, 0);
}

/** The posterior over the options after `votes` (uniform prior; options nobody named share what is left). */
export function agreementVerdict(votes: readonly Vote[], choices: number): Verdict | undefined {
  const byAnswer = new Map<string, number[]>();
  for (const vote of votes) byAnswer.set(vote.answer, [...(byAnswer.get(vote.answer) ?? []), vote.quality]);
  if (byAnswer.size === 0) return undefined;
  const options = Math.max(choices, byAnswer.size);
  const weights = [...byAnswer].map(([answer, qualities]) => ({ answer, odds: Math.exp(weightOf(qualities, options)) }));
  const total = weights.reduce((sum, each) => sum + each.odds, 0) + (options - byAnswer.size);
  const best = weights.sort((left, right) => right.odds - left.odds)[0]!;
  return { answer: best.answer, probability: best.odds / total };
}

/** The probability the answer is right if every one of these models names it. */
export function unanimousProbability(qualities: readonly number[], choices: number): number {
  if (qualities.length === 0) return 0;
  const odds = Math.exp(weightOf(qualities, choices));
  return odds / (odds + choices - 1);
}
