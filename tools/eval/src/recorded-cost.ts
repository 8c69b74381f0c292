import { parseUsd } from "@switchyard/runtime";
import type { RecordedOutcome, RoutingRecord } from "./routing-data.js";
import { promptText } from "./routing-data.js";

/** Published list prices (USD per million tokens, input and output alike) for models whose data has no costs. */
const listPrices: Record<string, string> = {
  "codegemma-7b": "0.2",
  "gemma-2-9b-it": "0.1",
  "llama-3.1-8b-instruct": "0.2",
  "llama-3.1-nemotron-51b-instruct": "0.9",
  "llama-3.3-nemotron-super-49b-v1": "0.9",
  "llama3-chatqa-1.5-70b": "0.9",
  "llama3-chatqa-1.5-8b": "0.2",
  "mistral-7b-instruct-v0.3": "0.2",
  "qwen2.5-7b-instruct": "0.2",
};

/** Price assumed for a model with neither recorded costs nor a list price. */
const defaultPricePerMillion = "1";

/** Tokens of a text, at the four-characters-a-token rule the simulator also uses. */
export function textTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Output tokens of a recorded answer: its token count, its text, or its length in characters. */
function outputTokens(outcome: RecordedOutcome): number {
  if (outcome.output_tokens !== undefined) return outcome.output_tokens;
  if (outcome.response !== undefined) return textTokens(outcome.response);
  return outcome.output_chars !== undefined ? Math.ceil(outcome.output_chars / 4) : 256;
}

/**
 * A model's price in nano-USD per million tokens: the median of its recorded cost per token
 * where the file has costs, else its list price, else a default. Used both for the replay
 * configuration (so the router's choices see realistic price ratios) and for costs the file
 * does not record.
 */
export function priceOf(model: string, records: readonly RoutingRecord[]): bigint {
  const perToken = records
    .flatMap((record) => {
      const outcome = record.outcomes[model];
      if (outcome?.cost_usd === undefined) return [];
      return [outcome.cost_usd / (textTokens(promptText(record)) + outputTokens(outcome))];
    })
    .sort((left, right) => left - right);
  if (perToken.length > 0) return parseUsd((perToken[Math.floor(perToken.length / 2)]! * 1e6).toFixed(9));
  return parseUsd(listPrices[model] ?? defaultPricePerMillion);
}

/** What calling `model` on this prompt cost, in nano-USD: recorded when the file has it, else priced. */
export function recordedCost(record: RoutingRecord, model: string, price: bigint): bigint {
  const outcome = record.outcomes[model];
  if (outcome?.cost_usd !== undefined) return parseUsd(outcome.cost_usd.toFixed(9));
  const tokens = BigInt(textTokens(promptText(record)) + (outcome ? outputTokens(outcome) : 256));
  return (tokens * price + 999_999n) / 1_000_000n;
}
