import { isCjk } from "../features/char-class.js";
import type { TaskType } from "../model/quality-model.js";
import type { ModelPrice } from "../model/pricing.js";
import { estimateTokens } from "../features/token-estimate.js";
import { callCostUsd, defaultOutputTokens, priceOf } from "../model/pricing.js";
import type { CandidateProfile } from "../model/resolved-model.js";
import type { Outcome, RoutingRecord } from "../training/dataset.js";

/**
 * How evaluation prices a call. Observed cost: the record's `cost_usd` when the source has it;
 * otherwise estimated prompt tokens x input price + answer tokens x output price, where answer
 * tokens come from the answer's length (`output_chars` or `response`, 4 characters a token) or,
 * without one, the task family's typical answer length; prices come from `priceOf` (config
 * profile, then the alias table's list price, then a size/tier prior). Estimated cost (what the
 * router decides on) never looks at the answer: prompt tokens and the typical answer length.
 */
export class OutcomeCosts {
  private readonly prices = new Map<string, ModelPrice>();

  constructor(private readonly profiles: ReadonlyMap<string, CandidateProfile> = new Map()) {}

  /** The price used for a canonical model id. */
  price(model: string): ModelPrice {
    let price = this.prices.get(model);
    if (!price) {
      const profile = this.profiles.get(model);
      price = priceOf(profile?.aliasOf ?? model, profile);
      this.prices.set(model, price);
    }
    return price;
  }

  /** Observed cost of an outcome in USD. */
  observed(record: RoutingRecord, outcome: Outcome, taskType: TaskType): number {
    if (outcome.costUsd !== undefined) return outcome.costUsd;
    const answerTokens = outcome.outputChars !== undefined ? Math.max(1, Math.ceil(outcome.outputChars / 4)) : defaultOutputTokens[taskType];
    return callCostUsd(this.price(outcome.model), promptTokens(record.prompt), answerTokens);
  }

  /** Cost the router expects before calling, in USD. */
  estimated(record: RoutingRecord, model: string, taskType: TaskType): number {
    return callCostUsd(this.price(model), promptTokens(record.prompt), defaultOutputTokens[taskType]);
  }
}

/** Estimated prompt tokens of a text. */
export function promptTokens(text: string): number {
  let cjk = 0;
  for (let index = 0; index < text.length; index += 1) if (isCjk(text.charCodeAt(index))) cjk += 1;
  return estimateTokens(text.length, cjk);
}
