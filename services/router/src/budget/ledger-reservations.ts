import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError } from "@connectrpc/connect";
import { BudgetExceededSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { RouteRun } from "../route-run.js";
import type { PlannedCall } from "../strategy/strategy-contract.js";
import type { BudgetGate, BudgetHold } from "./budget-gate.js";

/**
 * The budget gate that reserves every request's plan in the ledger (Reserve before the first
 * provider call, Release after the last). When the whole plan does not fit, it is cut from its
 * end to what the ledger says remains; when not even the first call fits, the ledger's refusal
 * goes back to the caller and nothing is spent.
 */
export const ledgerReservations: BudgetGate = {
  async hold(run, calls) {
    const costs = calls.map((call) => call.estimate.maxCostNanoUsd);
    const cap = run.request.maxCostNanoUsd;
    const total = costs.reduce((sum, each) => sum + each, 0n);
    const tokens = calls.reduce((sum, call) => sum + call.estimate.inputTokens + call.estimate.maxOutputTokens, 0);
    try {
      await reserve(run, cap !== undefined && cap < total ? cap : total, tokens);
      return heldFor(run, calls);
    } catch (error) {
      const refusal = ConnectError.from(error);
      const remaining = refusal.findDetails(BudgetExceededSchema)[0]?.remainingNanoUsd;
      if (refusal.code !== Code.ResourceExhausted || remaining === undefined || calls.length < 2) throw refusal;
      const affordable = affordablePrefix(costs, remaining);
      if (affordable.count === 0) throw refusal;
      await reserve(run, affordable.total, 0);
      return { ...heldFor(run, calls.slice(0, affordable.count)), refusal };
    }
  },
};

function heldFor(run: RouteRun, calls: readonly PlannedCall[]): BudgetHold {
  return { calls, release: () => releaseReservation(run) };
}

/** Frees what the request did not spend; the ledger's TTL frees it if this call is lost. */
async function releaseReservation(run: RouteRun): Promise<void> {
  if (!run.reservationId) return;
  try {
    // What was billed stays held until its cost events settle it: a NATS outage that delays
    // them must not let the budget grant the same money twice.
    const billed = run.attempts.filter((attempt) => attempt.billed);
    const request = {
      reservationId: run.reservationId,
      incurredCostNanoUsd: billed.reduce((sum, attempt) => sum + attempt.costNanoUsd, 0n),
      incurredTokens: billed.reduce((sum, attempt) => sum + (attempt.usage?.totalTokens ?? 0n), 0n),
    };
    // It runs after the answer, so it may take longer: a NATS leader election can stall a write for seconds.
    await askLedger(() => run.deps.ledger.release(request, { timeoutMs: 2_000 }), releaseRetry);
  } catch (error) {
    run.deps.logger.warn({ reservationId: run.reservationId, error: ConnectError.from(error).rawMessage }, "release failed; the reservation expires by TTL");
  }
}

/** When a ledger call that got no answer is made again: after each pause, for these codes. */
interface LedgerRetry {
  readonly delaysMs: readonly number[];
  readonly codes: ReadonlySet<Code>;
}

/**
 * A Reserve holds up the answer, so it is asked again only briefly, on UNAVAILABLE (no replica,
 * or NATS electing a leader) and ABORTED (connect-node's code for a connection reset: the
 * replica died mid-call).
 */
const reserveRetry: LedgerRetry = { delaysMs: [25, 150], codes: new Set([Code.Unavailable, Code.Aborted]) };

/** A Release runs after the answer: it also outlasts a write stalled past its timeout. */
const releaseRetry: LedgerRetry = { delaysMs: [200, 1_000, 3_000], codes: new Set([Code.Unavailable, Code.Aborted, Code.DeadlineExceeded]) };

/**
 * Reserve and Release are idempotent (by request id and reservation id), so a call that got no
 * answer is made again, of the next replica: a retried Reserve finds the reservation a lost
 * call may have made instead of holding the money twice.
 */
async function askLedger<T>(call: () => Promise<T>, retry: LedgerRetry, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const failure = ConnectError.from(error);
      const pause = retry.delaysMs[attempt];
      if (!retry.codes.has(failure.code) || pause === undefined || signal?.aborted) throw failure;
      await sleep(pause);
    }
  }
}

async function reserve(run: RouteRun, amount: bigint, estimatedTokens: number): Promise<void> {
  const request = {
    tenant: run.caller.tenant,
    apiKeyId: run.caller.apiKeyId ?? "",
    project: run.request.tags["project"] ?? "",
    // The task type its attempts' cost events will carry: its task-type budget applies.
    taskType: run.taskType,
    estimatedMaxCostNanoUsd: amount,
    estimatedTokens: BigInt(estimatedTokens),
    requestId: run.caller.requestId,
  };
  try {
    run.reservationId = (await askLedger(() => run.deps.ledger.reserve(request, run.callOptions()), reserveRetry, run.handler.signal)).reservationId;
  } catch (error) {
    const failure = ConnectError.from(error);
    if (failure.code === Code.ResourceExhausted || failure.code === Code.Canceled || failure.code === Code.DeadlineExceeded) throw failure;
    // Fail closed: without the ledger nobody can say the budget allows the call.
    throw new ConnectError(`budget ledger unavailable, refusing to spend: ${failure.rawMessage}`, Code.Unavailable, undefined, undefined, failure);
  }
}

function affordablePrefix(costs: readonly bigint[], remaining: bigint): { count: number; total: bigint } {
  let total = 0n;
  let count = 0;
  for (const cost of costs) {
    if (total + cost > remaining) break;
    total += cost;
    count += 1;
  }
  return { count, total };
}
