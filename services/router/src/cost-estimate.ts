import type { ChatMessage, GenerationParams } from "@switchyard/contracts/switchyard/v1/common_pb";
import { costOfTokens } from "@switchyard/runtime";
import type { ModelConfig } from "@switchyard/runtime";

/** Upper bound of one call's cost, for reservations and the per-request max_cost. */
export interface CallEstimate {
  readonly inputTokens: number;
  readonly maxOutputTokens: number;
  readonly maxCostNanoUsd: bigint;
}

/**
 * Estimates a call before it is made: input tokens at about four characters a token (plus
 * message framing), output at the request's max_output_tokens or the routing default, both at
 * the model's configured price. It errs high on purpose: the reservation is replaced by the
 * actual cost when the cost events arrive.
 */
export function estimateCall(model: ModelConfig, messages: readonly ChatMessage[], params: GenerationParams | undefined, defaultMaxOutput: number): CallEstimate {
  const inputTokens = messages.reduce((sum, message) => sum + Math.ceil(message.content.length / 4) + 4, 0);
  const maxOutputTokens = params?.maxOutputTokens ?? Math.min(defaultMaxOutput, model.contextWindow);
  const price = model.price;
  const maxCostNanoUsd = price ? costOfTokens(inputTokens, price.inputPerMillion) + costOfTokens(maxOutputTokens, price.outputPerMillion) : 0n;
  return { inputTokens, maxOutputTokens, maxCostNanoUsd };
}
