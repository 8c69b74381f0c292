import { create } from "@bufbuild/protobuf";
import { BreakerRecordSchema, BreakerState } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { BreakerConfig } from "@switchyard/runtime";
import type { OutcomeBus } from "../coordination/outcome-bus.js";
import { OutcomeWindow } from "./outcome-window.js";
import type { SharedBreakerRecords } from "./shared-breaker-records.js";

/** Whether a call may go to the provider now. */
export type BreakerAdmission =
  | { readonly admitted: true; readonly probe: boolean }
  | { readonly admitted: false; readonly retryAfterMs: number; readonly rateLimited: boolean };

/**
 * How an admitted call ended, for the breaker: a provider failure that says the deployment is
 * unwell, a success, or neither (the caller's own error, a cancellation).
 */
export interface BreakerOutcome {
  readonly kind: "success" | "failure" | "neutral";
  /** A 429 with Retry-After: the breaker opens for exactly that long. */
  readonly rateLimitedForMs?: number;
}

/** What ListModels shows. */
export interface BreakerView {
  readonly state: BreakerState;
  readonly openUntilMs: number;
  readonly errorRate: number;
}

/** One model deployment's circuit breaker. */
export interface CircuitBreaker {
  admit(): Promise<BreakerAdmission>;
  /** Reports an admitted call's outcome (`probe` as admit said). */
  record(outcome: BreakerOutcome, probe: boolean): Promise<void>;
  view(): BreakerView;
}

/** Settings of a breaker. */
export interface CircuitBreakerOptions {
  readonly model: string;
  readonly config: BreakerConfig;
  readonly records: SharedBreakerRecords;
  readonly outcomes: OutcomeBus;
  /** This replica's name, recorded as the probe's owner. */
  readonly instance: string;
  /** How long a half-open probe may take before another replica may send its own. */
  readonly probeLeaseMs: number;
  readonly nowMs: () => number;
}

/**
 * A circuit breaker shared by every replica: the position (closed, open until T, half-open with
 * one probe) lives in the shared records, and the error-rate window hears every replica's
 * outcomes. It opens when, over `windowMs`, at least `minRequests` calls were seen and the
 * failure share reaches `errorRate`; after `cooldownMs` exactly one probe goes through, and
 * its outcome closes or reopens it. A 429 with Retry-After opens it for that long.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const { model, config, records } = options;
  const window = new OutcomeWindow(config.windowMs);
  options.outcomes.subscribe((from, successes, failures) => {
    if (from === model) window.add(successes + failures, failures, options.nowMs());
  });
  records.onChange((changed, record) => {
    if (changed === model && record.state === BreakerState.CLOSED) window.reset();
  });
  const open = (untilMs: number, reason: string) => create(BreakerRecordSchema, { state: BreakerState.OPEN, openUntilMs: BigInt(untilMs), reason });

  async function claimProbe(revision: number, nowMs: number): Promise<BreakerAdmission> {
    const claim = create(BreakerRecordSchema, {
      state: BreakerState.HALF_OPEN,
      probeOwner: options.instance,
      probeDeadlineMs: BigInt(nowMs + options.probeLeaseMs),
    });
    if (await records.write(model, claim, revision)) return { admitted: true, probe: true };
    return { admitted: false, retryAfterMs: options.probeLeaseMs, rateLimited: false };
  }

  return {
    async admit() {
      const { record, revision } = records.current(model);
      const nowMs = options.nowMs();
      if (record.state === BreakerState.OPEN) {
        const waitMs = Number(record.openUntilMs) - nowMs;
        if (waitMs > 0) return { admitted: false, retryAfterMs: waitMs, rateLimited: record.reason === "rate_limited" };
        return claimProbe(revision, nowMs);
      }
      if (record.state === BreakerState.HALF_OPEN) {
        const waitMs = Number(record.probeDeadlineMs) - nowMs;
        if (waitMs > 0) return { admitted: false, retryAfterMs: waitMs, rateLimited: false };
        return claimProbe(revision, nowMs);
      }
      return { admitted: true, probe: false };
    },
    async record(outcome, probe) {
      const nowMs = options.nowMs();
      if (outcome.kind !== "neutral") {
        window.record(outcome.kind === "failure", nowMs);
        options.outcomes.publish(model, outcome.kind === "failure");
      }
      const { record, revision } = records.current(model);
      if (outcome.rateLimitedForMs !== undefined) {
        const untilMs = nowMs + outcome.rateLimitedForMs;
        if (record.state !== BreakerState.OPEN || Number(record.openUntilMs) < untilMs) await records.write(model, open(untilMs, "rate_limited"), revision);
        return;
      }
      if (probe) {
        if (outcome.kind === "success") await records.write(model, create(BreakerRecordSchema, { state: BreakerState.CLOSED }), revision);
        else if (outcome.kind === "failure") await records.write(model, open(nowMs + config.cooldownMs, "probe_failed"), revision);
        // A neutral probe (cancelled, or the caller's own error) hands the probe to the next call.
        else await records.write(model, open(nowMs, "probe_released"), revision);
        return;
      }
      if (outcome.kind !== "failure" || record.state !== BreakerState.CLOSED) return;
      const counts = window.counts(nowMs);
      if (counts.total >= config.minRequests && counts.failed >= counts.total * config.errorRate) {
        await records.write(model, open(nowMs + config.cooldownMs, "error_rate"), revision);
      }
    },
    view() {
      const { record } = records.current(model);
      const nowMs = options.nowMs();
      const counts = window.counts(nowMs);
      const openUntilMs = record.state === BreakerState.OPEN ? Number(record.openUntilMs) : 0;
      // An open breaker whose cooldown is over lets the next call through as a probe.
      const state = record.state === BreakerState.OPEN && openUntilMs <= nowMs ? BreakerState.HALF_OPEN : record.state;
      return {
        state: state === BreakerState.UNSPECIFIED ? BreakerState.CLOSED : state,
        openUntilMs,
        errorRate: counts.total === 0 ? 0 : counts.failed / counts.total,
      };
    },
  };
}
