import { catalogEntry, normaliseModelName } from "./model-catalog.js";
import type { ModelProfile } from "./model-descriptor.js";
import { parseParamsB } from "./model-descriptor.js";
import type { TaskType } from "./quality-model.js";

/** A price in USD per million input and output tokens, and where it came from. */
export interface ModelPrice {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
  readonly origin: "config" | "catalog" | "prior";
}

/**
 * The price used for cost estimates: the configured price, else the alias table's list price,
 * else a prior from size or tier (open models by parameter count at typical hosted prices;
 * unknown API models at a mid-range API price). Evaluation of files without `cost_usd` uses the
 * same rule, so cost is always "estimated tokens x this price".
 */
export function priceOf(name: string, profile: ModelProfile = {}): ModelPrice {
  if (profile.price) return { inputPerMillion: profile.price[0], outputPerMillion: profile.price[1], origin: "config" };
  const entry = catalogEntry(name);
  if (entry?.price) return { inputPerMillion: entry.price[0], outputPerMillion: entry.price[1], origin: "catalog" };
  const normalised = normaliseModelName(name);
  const params = entry?.paramsB ?? parseParamsB(normalised);
  const perMillion = priorPrice(params, profile.tier, /gpt|claude|palm|gemini|davinci/.test(normalised));
  return { inputPerMillion: perMillion, outputPerMillion: perMillion * (params === undefined ? 3 : 1), origin: "prior" };
}

function priorPrice(params: number | undefined, tier: ModelProfile["tier"], api: boolean): number {
  if (params !== undefined) {
    if (params <= 4) return 0.1;
    if (params <= 10) return 0.2;
    if (params <= 20) return 0.3;
    if (params <= 40) return 0.8;
    return 0.9;
  }
  if (tier === "small") return 0.2;
  if (tier === "medium") return 0.8;
  return api || tier === "large" ? 3 : 1;
}

/** Typical answer length in tokens per task family, when the caller gives no expectation. */
export const defaultOutputTokens: Readonly<Record<TaskType, number>> = {
  multiple_choice: 8,
  math: 250,
  code: 220,
  short_answer: 24,
  generation: 60,
  chat: 420,
};

/** Cost in USD of a call (floats are fine here: evaluation only; the service uses nano-USD). */
export function callCostUsd(price: ModelPrice, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1e6;
}
