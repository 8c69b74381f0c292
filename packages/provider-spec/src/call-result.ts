import type { FinishReason } from "./finish-reason.js";
import type { TokenUsage } from "./token-usage.js";

/** A complete answer from `generate`. */
export interface GenerateResult {
  readonly text: string;
  readonly usage: TokenUsage;
  readonly finishReason: FinishReason;
  /** Mean token log-probability when log-probabilities were asked for and returned. */
  readonly meanLogprob?: number;
}

/** A piece of text as the provider produced it. */
export interface TextDeltaPart {
  readonly type: "text-delta";
  readonly text: string;
}

/**
 * The end of a stream. `usage` is absent when the provider sent none (some servers ignore
 * `include_usage`); the executor then counts the tokens itself and marks them estimated.
 */
export interface FinishPart {
  readonly type: "finish";
  readonly finishReason: FinishReason;
  readonly usage?: TokenUsage;
  readonly meanLogprob?: number;
}

/** What `stream` yields: deltas, then exactly one finish part (unless it throws). */
export type StreamPart = TextDeltaPart | FinishPart;
