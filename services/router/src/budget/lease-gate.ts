import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { ModelPricing } from "@switchyard/pricing";
import type { RouteRun } from "../route-run.js";
import type { PlannedCall } from "../strategy/strategy-contract.js";
import type { BudgetGate, BudgetHold } from "./budget-gate.js";
import type { BudgetLease } from "./budget-lease.js";
import type { BudgetCharge, LeaseKey } from "./lease-settings.js";
import type { LeaseBook } from "./lease-book.js";
import type { OutputCalibration } from "./output-calibration.js";

/** What the lease gate needs. */
export interface LeaseGateDeps {
  readonly book: LeaseBook;
  readonly calibration: OutputCalibration;
  readonly pricing: ModelPricing;
  /** Per-request reservations in the ledger, for the end of a budget (ledgerReservations). */
  readonly exact: BudgetGate;
}

/**
 * The budget gate over budget leases: a request's plan holds its calibrated cost against its
 * replica's lease, with no ledger call while the lease has room; near the end of a budget (or
 * over a per-request cap, which the ledger judges) it is reserved exactly, per request, as the
 * ledger gate does. Either way, what the attempts billed is what the hold ends with, and the
 * answers' lengths calibrate the next holds.
 */
export function createLeaseGate(deps: LeaseGateDeps): BudgetGate {
  return {
    async hold(run, calls) {
      const calibrated = calls.map((call) => calibratedCall(deps, call));
      const worst = cappedAt(run, total(calls));
      const key = leaseKeyOf(run);
      const lease = deps.book.lease(key);
      const cap = lease.perRequestCapNanoUsd;
      if (cap !== undefined && worst > cap) return deps.exact.hold(run, calls);
      const exposure = deps.book.charge(key.tenant, cappedAt(run, total(calibrated)), worst);
      const ticket = await lease.admit(exposure.charge);
      if (ticket) {
        run.reservationId = ticket.leaseId;
        return {
          calls,
          release: async () => {
            const billed = billedBy(run);
            ticket.finish(billed.nanoUsd, billed.tokens);
            exposure.release();
            observe(deps.calibration, run);
          },
        };
      }
      return exactHold(deps, { run, lease, exposure }, calls, calibrated);
    },
  };
}

/** A request reserved exactly: its run, the lease of its key (which counts its worst case in flight) and its exposure. */
interface ExactHeld {
  readonly run: RouteRun;
  readonly lease: BudgetLease;
  readonly exposure: { charge: BudgetCharge; release: () => void };
}

/** The end of a budget: the ledger reserves the request, at its calibrated cost while the exposure allows. */
async function exactHold(deps: LeaseGateDeps, held: ExactHeld, calls: readonly PlannedCall[], calibrated: readonly PlannedCall[]): Promise<BudgetHold> {
  const { run, lease, exposure } = held;
  const untrack = lease.trackExact(exposure.charge);
  const done = (): void => {
    untrack();
    exposure.release();
  };
  try {
    const worstCase = exposure.charge.holdNanoUsd === exposure.charge.worstNanoUsd;
    const reserved = await deps.exact.hold(run, worstCase ? calls : calibrated);
    return {
      calls: calls.slice(0, reserved.calls.length),
      ...(reserved.refusal ? { refusal: reserved.refusal } : {}),
      release: async () => {
        await reserved.release();
        done();
        observe(deps.calibration, run);
      },
    };
  } catch (error) {
    done();
    throw error;
  }
}

/** The budgets a request counts against; its task type is final once its strategy has planned. */
function leaseKeyOf(run: RouteRun): LeaseKey {
  return { tenant: run.caller.tenant, apiKeyId: run.caller.apiKeyId ?? "", project: run.request.tags["project"] ?? "", taskType: run.taskType };
}

/** A planned call holding its model's calibrated output instead of its maximum. */
function calibratedCall(deps: LeaseGateDeps, call: PlannedCall): PlannedCall {
  const outputTokens = deps.calibration.holdTokens(call.model, call.estimate.maxOutputTokens);
  if (outputTokens >= call.estimate.maxOutputTokens) return call;
  const inputTokens = call.estimate.inputTokens;
  const usage = {
    inputTokens,
    cachedInputTokens: 0,
    cacheCreationInputTokens: 0,
    outputTokens,
    reasoningTokens: 0,
    totalTokens: inputTokens + outputTokens,
    estimated: true,
  };
  return { ...call, estimate: { inputTokens, maxOutputTokens: outputTokens, maxCostNanoUsd: deps.pricing.costOf(call.model, usage) } };
}

function total(calls: readonly PlannedCall[]): bigint {
  return calls.reduce((sum, call) => sum + call.estimate.maxCostNanoUsd, 0n);
}

/** A request never spends past its max_cost (the run checks it before each call). */
function cappedAt(run: RouteRun, amount: bigint): bigint {
  const cap = run.request.maxCostNanoUsd;
  return cap !== undefined && cap < amount ? cap : amount;
}

function billedBy(run: RouteRun): { nanoUsd: bigint; tokens: bigint } {
  const billed = run.attempts.filter((attempt) => attempt.billed);
  return {
    nanoUsd: billed.reduce((sum, attempt) => sum + attempt.costNanoUsd, 0n),
    tokens: billed.reduce((sum, attempt) => sum + (attempt.usage?.totalTokens ?? 0n), 0n),
  };
}

/** Answered attempts teach the calibration their models' output lengths. */
function observe(calibration: OutputCalibration, run: RouteRun): void {
  for (const attempt of run.attempts) {
    if (attempt.outcome === AttemptOutcome.SUCCEEDED && attempt.usage) calibration.observe(attempt.model, Number(attempt.usage.outputTokens));
  }
}
