/**
 * The per-attempt clock: aborts its signal when the call's signal aborts or when `ms` pass
 * without `rearm`. Non-streaming calls arm it once for the whole call; streams arm it until
 * the first token and re-arm it with the idle timeout on every chunk after that.
 */
export interface AttemptTimer {
  readonly signal: AbortSignal;
  /** True when this timer (not the call's deadline or the caller) ended the attempt. */
  readonly timedOut: boolean;
  rearm(ms: number): void;
  dispose(): void;
}

/** Arms an attempt timer under the call's signal. */
export function createAttemptTimer(callSignal: AbortSignal, ms: number): AttemptTimer {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const onCallAbort = (): void => controller.abort(callSignal.reason);
  const arm = (delay: number): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort("attempt timeout");
    }, delay);
    timer.unref();
  };
  if (callSignal.aborted) onCallAbort();
  else callSignal.addEventListener("abort", onCallAbort, { once: true });
  arm(ms);
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    rearm: (delay) => {
      if (!controller.signal.aborted) arm(delay);
    },
    dispose() {
      clearTimeout(timer);
      callSignal.removeEventListener("abort", onCallAbort);
    },
  };
}
