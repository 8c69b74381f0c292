import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError } from "@connectrpc/connect";
import { BudgetExceededSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { RouteRun } from "./route-run.js";

/**
 * Reserves budget for the models a plan may call, before any provider is called, and returns
 * the models it could reserve for. When the full plan does not fit, the plan is cut from its
 * most expensive end to what the ledger says remains (cheapest first, so the cut keeps the
 * cheap models); when not even the first model fits, the ledger's RESOURCE_EXHAUSTED (with its
 * BudgetExceeded detail) goes back to the caller and nothing is spent.
 */
export async function reservePlan(run: RouteRun, plan: readonly string[]): Promise<ReservedPlan> {
  const estimates = plan.map((model) => run.estimate(model));
  const cap = run.request.maxCostNanoUsd;
  const total = estimates.reduce((sum, each) => sum + each.maxCostNanoUsd, 0n);
  const amount = cap !== undefined && cap < total ? cap : total;
  try {
    await reserve(run, amount, estimates.reduce((sum, each) => sum + each.inputTokens + each.maxOutputTokens, 0));
    return { models: [...plan] };
  } catch (error) {
    const refusal = ConnectError.from(error);
    const remaining = refusal.findDetails(BudgetExceededSchema)[0]?.remainingNanoUsd;
    if (refusal.code !== Code.ResourceExhausted || remaining === undefined || plan.length < 2) throw refusal;
    const affordable = affordablePrefix(estimates.map((each) => each.maxCostNanoUsd), remaining);
    if (affordable.count === 0) throw refusal;
    await reserve(run, affordable.total, 0);
    return { models: plan.slice(0, affordable.count), refusal };
  }
}

/** The models reserved for, and the ledger's refusal when the plan had to be cut. */
export interface ReservedPlan {
  readonly models: string[];
  readonly refusal?: ConnectError;
}

/** The error of a plan the budget stopped before anything answered. */
export function budgetStopped(refusal: ConnectError, after: string): ConnectError {
  const error = new ConnectError(`budget exhausted: no model after "${after}" fits what remains (${refusal.rawMessage})`, Code.ResourceExhausted);
  error.details = [...refusal.details];
  return error;
}

/** Frees what the request did not spend; the ledger's TTL frees it if this call is lost. */
export async function releaseReservation(run: RouteRun): Promise<void> {
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
