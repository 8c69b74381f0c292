import { setTimeout as sleep } from "node:timers/promises";
import type { ChatFeatures } from "./chat-features.js";
import type { SimToolCall } from "./feature-answers.js";
import { argumentFragments, featureAnswer } from "./feature-answers.js";
import type { Fault } from "./faults.js";
import { withoutDirectives } from "./faults.js";
import type { SimModel } from "./sim-models.js";
import type { SimMessage } from "./sim-text.js";
import { defaultAnswer, promptTokens, splitTokens } from "./sim-text.js";

/** An answer with the usage to report for it, when that usage is known (replayed records). */
export interface SimAnswer {
  /** Absent: the simulator's default answer, with this usage. */
  readonly text?: string;
  /** Reported instead of the simulator's prompt estimate. */
  readonly inputTokens?: number;
  /** Reported instead of the answer's word count (unless max_tokens cuts the answer). */
  readonly outputTokens?: number;
  /** The recorded cost of the call in USD, reported as OpenRouter does (`usage.cost`). */
  readonly costUsd?: number;
}

/**
 * Supplies an answer other than the default one (structured critiques, replayed records), or
 * undefined to let the next source (and finally the default answer) speak.
 */
export type AnswerSource = (model: string, messages: readonly SimMessage[]) => string | SimAnswer | undefined;

/** What the simulator will send for one request, before pacing. */
export interface SimCompletion {
  readonly tokens: readonly string[];
  readonly promptTokens: number;
  /** Output tokens reported in usage. */
  readonly outputTokens: number;
  readonly costUsd?: number;
  readonly finishReason: "stop" | "length" | "tool_calls";
  /** Per-token log-probabilities, for requests that ask for them. */
  readonly logprobs: readonly number[];
  /** Set when the answer is a tool call: `tokens` are then the fragments of its arguments. */
  readonly toolCall?: SimToolCall;
}

/** A request without tools, JSON format or images. */
export const plainFeatures: ChatFeatures = { tools: [], toolChoice: "auto", jsonObject: false, images: 0, toolResults: [] };

/**
 * Plans the answer to a request: its tokens, usage and finish reason. Under the `bad_output`
 * fault the answer is prose that ignores the format the prompt asked for.
 */
export function planCompletion(
  model: SimModel,
  messages: readonly SimMessage[],
  maxTokens: number | undefined,
  answerSources: readonly AnswerSource[],
  fault?: Fault,
  features: ChatFeatures = plainFeatures,
): SimCompletion {
  const clean = messages.map((message) => ({ role: message.role, content: withoutDirectives(message.content) }));
  const byFeatures = fault?.kind === "bad_output" ? undefined : featureAnswer(model.name, clean, features, fault);
  if (byFeatures && "toolCall" in byFeatures) return toolCallCompletion(byFeatures.toolCall, messages, model);
  const found = fault?.kind === "bad_output" ? badOutput(model.name) : (byFeatures?.text ?? firstAnswer(answerSources, model.name, clean));
  const answer: SimAnswer = typeof found === "string" ? { text: found } : (found ?? {});
  const all = splitTokens(answer.text ?? defaultAnswer(model.name, clean, model.answerTokens));
  const tokens = maxTokens !== undefined && maxTokens < all.length ? all.slice(0, maxTokens) : all;
  const cut = tokens.length < all.length;
  return {
    tokens,
    promptTokens: answer.inputTokens ?? promptTokens(messages),
    outputTokens: cut ? tokens.length : (answer.outputTokens ?? tokens.length),
    ...(answer.costUsd !== undefined && !cut ? { costUsd: answer.costUsd } : {}),
    finishReason: cut ? "length" : "stop",
    logprobs: tokens.map((_, index) => model.meanLogprob * (0.5 + ((index * 7) % 10) / 10)),
  };
}

function toolCallCompletion(toolCall: SimToolCall, messages: readonly SimMessage[], model: SimModel): SimCompletion {
  const tokens = argumentFragments(toolCall.argumentsJson);
  return {
    tokens,
    promptTokens: promptTokens(messages),
    outputTokens: tokens.length + 1,
    finishReason: "tool_calls",
    logprobs: tokens.map(() => model.meanLogprob),
    toolCall,
  };
}

function firstAnswer(sources: readonly AnswerSource[], model: string, messages: readonly SimMessage[]): string | SimAnswer | undefined {
  for (const source of sources) {
    const answer = source(model, messages);
    if (answer !== undefined) return answer;
  }
  return undefined;
}

/** What a model that ignores the requested format says: plausible prose, no JSON object. */
function badOutput(model: string): string {
  return `[simulated ${model}] Sure! Overall the answer looks reasonable to me, I would give it about 8 out of 10, though {score: high`;
}

/**
 * Yields the tokens in batches as a model of this speed would produce them: the first after
 * the time to first token (or the fault's delay), the rest at the model's rate. Stops quietly
 * when the signal aborts (the client went away).
 */
export async function* paceTokens(tokens: readonly string[], model: SimModel, fault: Fault | undefined, signal: AbortSignal): AsyncIterable<string[]> {
  const firstDelay = fault?.kind === "slow_first_token" ? (fault.delayMs ?? 2_000) : model.timeToFirstTokenMs;
  if (!(await pause(firstDelay, signal))) return;
  const interval = 1_000 / model.tokensPerSecond;
  const started = performance.now();
  let sent = 0;
  while (sent < tokens.length) {
    const due = Number.isFinite(interval) ? Math.floor((performance.now() - started) / interval) + 1 : tokens.length;
    const batch = tokens.slice(sent, Math.max(sent + 1, due));
    sent += batch.length;
    yield batch;
    if (sent < tokens.length && !(await pause(interval, signal))) return;
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms <= 0) return true;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
