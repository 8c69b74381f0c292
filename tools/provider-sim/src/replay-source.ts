import type { ReplayIndex, ReplayOutcome } from "./replay-data.js";
import { normalisePrompt } from "./replay-data.js";
import type { AnswerSource, SimAnswer } from "./sim-completion.js";
import type { SimModel } from "./sim-models.js";
import type { SimMessage } from "./sim-text.js";

/** Speed of the replayed models (the eval measures Switchyard, not a pretend provider). */
export interface ReplayModelProfile {
  readonly timeToFirstTokenMs: number;
  /** 0 or Infinity: the whole answer at once. */
  readonly tokensPerSecond: number;
}

/** Larger than any recorded prompt: a replayed prompt is never refused for its length. */
const replayContextWindow = 1_048_576;

/** Every model named in the replay files, as a simulated model with the given speed. */
export function replaySimModels(index: ReplayIndex, profile: ReplayModelProfile): SimModel[] {
  return [...index.models.keys()].map((name) => ({
    name,
    timeToFirstTokenMs: profile.timeToFirstTokenMs,
    tokensPerSecond: profile.tokensPerSecond > 0 ? profile.tokensPerSecond : Number.POSITIVE_INFINITY,
    contextWindow: replayContextWindow,
    answerTokens: 32,
    meanLogprob: -0.5,
  }));
}

/**
 * Answers a replayed prompt (matched on the last user message, whitespace normalised) with the
 * model's recorded response and recorded usage. A recorded outcome without a response gets the
 * simulator's default answer with the recorded usage; a prompt or model not in the files falls
 * through to the next source (in the end, the default answer with estimated usage).
 */
export function replayAnswers(index: ReplayIndex): AnswerSource {
  return (model, messages) => {
    const prompt = lastUserText(messages);
    if (prompt === undefined) return undefined;
    const outcome = index.prompts.get(normalisePrompt(prompt))?.outcomes.get(model);
    return outcome ? answerFor(outcome) : undefined;
  };
}

function answerFor(outcome: ReplayOutcome): SimAnswer {
  const sized = outcome.response === undefined && outcome.output_chars !== undefined ? Math.max(1, Math.ceil(outcome.output_chars / 4)) : undefined;
  const outputTokens = outcome.output_tokens ?? sized;
  return {
    ...(outcome.response !== undefined ? { text: outcome.response } : {}),
    ...(outcome.input_tokens !== undefined ? { inputTokens: outcome.input_tokens } : {}),
    ...(outputTokens !== undefined ? { outputTokens } : {}),
    ...(outcome.cost_usd !== undefined ? { costUsd: outcome.cost_usd } : {}),
  };
}

function lastUserText(messages: readonly SimMessage[]): string | undefined {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    if (messages[index]?.role === "user") return messages[index]?.content;
  }
  return undefined;
}

/** `POST /_sim/replay/lookup` answer: what the simulator has recorded for a prompt. */
export function lookupReplay(index: ReplayIndex, prompt: string, model: string | undefined): Record<string, unknown> {
  const normalised = normalisePrompt(prompt);
  const entry = index.prompts.get(normalised);
  if (!entry) return { found: false, normalised_prompt: normalised, outcomes: {} };
  const outcomes = [...entry.outcomes].filter(([name]) => model === undefined || name === model);
  return {
    found: true,
    id: entry.id,
    normalised_prompt: normalised,
    outcomes: Object.fromEntries(outcomes.map(([name, outcome]) => [name, { has_response: outcome.response !== undefined, ...outcome }])),
  };
}

/** `GET /_sim/replay` answer: which files were loaded and which models they serve. */
export function replaySummary(index: ReplayIndex | undefined): Record<string, unknown> {
  if (!index) return { enabled: false };
  return {
    enabled: true,
    files: index.files,
    records: index.records,
    prompts: index.prompts.size,
    duplicate_outcomes: index.duplicateOutcomes,
    models: Object.fromEntries(
      [...index.models].map(([name, summary]) => [name, { prompts: summary.prompts, responses: summary.responses, token_counts: summary.tokenCounts }]),
    ),
  };
}
