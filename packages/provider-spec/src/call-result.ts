import type { ToolCall } from "./call-options.js";
import type { FinishReason } from "./finish-reason.js";
import type { TokenUsage } from "./token-usage.js";

/** A complete answer from `generate`. */
export interface GenerateResult {
  readonly text: string;
  readonly usage: TokenUsage;
  readonly finishReason: FinishReason;
  /** Mean token log-probability when log-probabilities were asked for and returned. */
  readonly meanLogprob?: number;
  /** The tools the model called, in order (finish reason "tool-calls"). */
  readonly toolCalls?: readonly ToolCall[];
}

/** A piece of text as the provider produced it. */
export interface TextDeltaPart {
  readonly type: "text-delta";
  readonly text: string;
}

/**
 * A fragment of a tool call as the provider streamed it. Fragments with one `index` belong to
 * one call: the first carries its id and name, each may carry more argument text, in order.
 */
export interface ToolCallDeltaPart {
  readonly type: "tool-call-delta";
  readonly index: number;
  readonly id?: string;
  readonly name?: string;
  readonly argumentsFragment: string;
}

/**
 * The end of a stream. `usage` is absent when the provider sent none (some servers ignore
 * `include_usage`); the executor then counts the tokens itself and marks them estimated.
 * `toolCalls` are the streamed fragments assembled, in index order.
 */
export interface FinishPart {
  readonly type: "finish";
  readonly finishReason: FinishReason;
  readonly usage?: TokenUsage;
  readonly meanLogprob?: number;
  readonly toolCalls?: readonly ToolCall[];
}

/** What `stream` yields: deltas, then exactly one finish part (unless it throws). */
export type StreamPart = TextDeltaPart | ToolCallDeltaPart | FinishPart;
