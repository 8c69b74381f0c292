import { Code, ConnectError } from "@connectrpc/connect";

/** Why a call's signal aborted. */
export type StopReason = "cancelled" | "deadline";

/**
 * The overall deadline of one call: the caller's gRPC deadline when it set one (it wins), else
 * the executor's `callTimeoutMs`. Its signal aborts on either the deadline or the caller's
 * cancellation, and says which.
 */
export interface CallDeadline {
  readonly signal: AbortSignal;
  /** performance.now() at which the call must be over. */
  readonly atMs: number;
  remainingMs(): number;
  /** Set once the signal has aborted. */
  readonly stopReason: StopReason | undefined;
  dispose(): void;
}

/**
 * How early a caller's cancellation may come and still be its deadline. A gRPC client whose
 * deadline passes cancels the stream (RST_STREAM) by its own clock, which started before the
 * request reached us: on a loaded machine that cancellation lands some milliseconds before
 * our copy of the deadline.
 */
const deadlineSlackMs = 25;

/** The server's own deadline abort carries DEADLINE_EXCEEDED (connect-node's handler signal). */
function isDeadlineAbort(reason: unknown): boolean {
  return reason instanceof ConnectError && reason.code === Code.DeadlineExceeded;
}

/** Starts the deadline clock of a call. */
export function createCallDeadline(callerSignal: AbortSignal, callerTimeoutMs: number | undefined, defaultTimeoutMs: number): CallDeadline {
  const controller = new AbortController();
  const timeoutMs = callerTimeoutMs ?? defaultTimeoutMs;
  const atMs = performance.now() + timeoutMs;
  let stopReason: StopReason | undefined;
  const stop = (reason: StopReason): void => {
    if (stopReason) return;
    stopReason = reason;
    controller.abort(reason);
  };
  const onCallerAbort = (): void => stop(isDeadlineAbort(callerSignal.reason) || performance.now() >= atMs - deadlineSlackMs ? "deadline" : "cancelled");
  const timer = setTimeout(() => stop("deadline"), timeoutMs);
  timer.unref();
  if (callerSignal.aborted) onCallerAbort();
  else callerSignal.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    atMs,
    remainingMs: () => Math.max(0, atMs - performance.now()),
    get stopReason() {
      return stopReason;
    },
    dispose() {
      clearTimeout(timer);
      callerSignal.removeEventListener("abort", onCallerAbort);
    },
  };
}
