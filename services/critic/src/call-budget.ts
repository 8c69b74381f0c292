/** How long a Critique or Judge call may take. */
export interface BudgetSettings {
  /** Used when the caller sets no deadline, and the longest allowed otherwise. */
  readonly timeoutMs: number;
  /** Kept back from the caller's deadline (at most a quarter of it) to send partial results in time. */
  readonly responseMarginMs: number;
}

/** The caller's side of the call: its cancellation and its deadline (connect's HandlerContext). */
export interface CallerSide {
  readonly signal: AbortSignal;
  timeoutMs(): number | undefined;
}

/**
 * One deadline shared by every model call of a request, plus the caller's cancellation.
 * `signal` aborts on either; `expired()` tells the deadline apart from a caller that left.
 */
export interface CallBudget {
  readonly signal: AbortSignal;
  /** Milliseconds left before the shared deadline (0 when passed). */
  remainingMs(): number;
  expired(): boolean;
  callerGone(): boolean;
  /** Stops the deadline timer; call when the request is done. */
  dispose(): void;
}

/**
 * Starts the shared deadline of one request: the caller's deadline less the response margin,
 * capped by the configured timeout.
 */
export function startBudget(caller: CallerSide, settings: BudgetSettings): CallBudget {
  const callerMs = caller.timeoutMs();
  const budgetMs =
    callerMs === undefined ? settings.timeoutMs : Math.min(settings.timeoutMs, Math.max(0, callerMs - Math.min(settings.responseMarginMs, callerMs / 4)));
  const deadlineAt = performance.now() + budgetMs;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException("the critic's deadline passed", "TimeoutError")), budgetMs);
  const signal = AbortSignal.any([caller.signal, deadline.signal]);
  return {
    signal,
    // Timers may fire a fraction of a millisecond before performance.now() reaches the deadline.
    remainingMs: () => (deadline.signal.aborted ? 0 : Math.max(0, deadlineAt - performance.now())),
    expired: () => deadline.signal.aborted || performance.now() >= deadlineAt,
    callerGone: () => caller.signal.aborted && !deadline.signal.aborted,
    dispose: () => clearTimeout(timer),
  };
}
