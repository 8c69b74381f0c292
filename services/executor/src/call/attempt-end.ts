import type { Code } from "@connectrpc/connect";
import type { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import type { FinishReason, ProviderError, TokenUsage, ToolCall } from "@switchyard/provider-spec";
import type { StopReason } from "./call-deadline.js";

/** Timing of an attempt that reached the provider. */
export interface AttemptTiming {
  /** From this attempt's start to its end. */
  readonly latencyMs: number;
  /** From this attempt's start to its first token; 0 if none came. */
  readonly timeToFirstTokenMs: number;
  /** From the start of the call (admission and earlier attempts included) to this attempt's first token; 0 if none came. */
  readonly callTimeToFirstTokenMs: number;
}

/** The provider answered in full. */
export interface AttemptSucceeded extends AttemptTiming {
  readonly kind: "succeeded";
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly usage: TokenUsage;
  readonly meanLogprob?: number;
  /** The tools the model called, in order. */
  readonly toolCalls?: readonly ToolCall[];
}

/** Switchyard refused to send the attempt (breaker open, rate limit, queue full): nothing was sent. */
export interface AttemptRejected {
  readonly kind: "rejected";
  readonly code: Code;
  /** CIRCUIT_OPEN, RATE_LIMITED or QUEUE_FULL. */
  readonly reason: ErrorReason;
  readonly message: string;
  readonly retryAfterMs?: number;
}

/**
 * The provider call failed. `usage` is set when the provider bills the attempt: a stream that
 * broke after producing tokens (the figures then counted by Switchyard and marked estimated).
 */
export interface AttemptFailed extends AttemptTiming {
  readonly kind: "failed";
  readonly error: ProviderError;
  readonly usage?: TokenUsage;
  readonly producedText: boolean;
}

/** The caller cancelled, or the call's deadline passed, while the attempt ran or waited. */
export interface AttemptStopped extends AttemptTiming {
  readonly kind: "stopped";
  readonly reason: StopReason;
  readonly usage?: TokenUsage;
  readonly producedText: boolean;
}

/** How one attempt ended. */
export type AttemptEnd = AttemptSucceeded | AttemptRejected | AttemptFailed | AttemptStopped;

/** The usage an attempt is billed for (undefined: not billed). */
export function billedUsage(end: AttemptEnd): TokenUsage | undefined {
  return end.kind === "rejected" ? undefined : end.usage;
}
