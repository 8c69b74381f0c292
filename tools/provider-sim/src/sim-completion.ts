import { setTimeout as sleep } from "node:timers/promises";
import type { Fault } from "./faults.js";
import { withoutDirectives } from "./faults.js";
import type { SimModel } from "./sim-models.js";
import type { SimMessage } from "./sim-text.js";
import { defaultAnswer, promptTokens, splitTokens } from "./sim-text.js";

/** Supplies an answer other than the default one (replay of recorded answers, critiques). */
export type AnswerSource = (model: string, messages: readonly SimMessage[]) => string | undefined;

/** What the simulator will send for one request, before pacing. */
export interface SimCompletion {
  readonly tokens: readonly string[];
  readonly promptTokens: number;
  readonly finishReason: "stop" | "length";
  /** Per-token log-probabilities, for requests that ask for them. */
  readonly logprobs: readonly number[];
}

/** Plans the answer to a request: its tokens, usage and finish reason. */
export function planCompletion(
  model: SimModel,
  messages: readonly SimMessage[],
  maxTokens: number | undefined,
  answerSources: readonly AnswerSource[],
): SimCompletion {
  const clean = messages.map((message) => ({ role: message.role, content: withoutDirectives(message.content) }));
  const text = answerSources.reduce<string | undefined>((found, source) => found ?? source(model.name, clean), undefined)
    ?? defaultAnswer(model.name, clean, model.answerTokens);
  const all = splitTokens(text);
  const tokens = maxTokens !== undefined && maxTokens < all.length ? all.slice(0, maxTokens) : all;
  return {
    tokens,
    promptTokens: promptTokens(messages),
    finishReason: tokens.length < all.length ? "length" : "stop",
    logprobs: tokens.map((_, index) => model.meanLogprob * (0.5 + ((index * 7) % 10) / 10)),
  };
}

/**
 * Yields the tokens in batches as a model of this speed would produce them: the first after
 * the time to first token (or the fault's delay), the rest at the model's rate. Stops quietly
 * when the signal aborts (the client went away).
 */
export async function* paceTokens(
  tokens: readonly string[],
  model: SimModel,
  fault: Fault | undefined,
  signal: AbortSignal,
): AsyncIterable<string[]> {
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
