import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { AcquireLeaseResponseSchema, LeaseSchema, RenewLeaseResponseSchema, ReturnLeaseResponseSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type {
  AcquireLeaseRequest,
  AcquireLeaseResponse,
  Lease,
  RenewLeaseRequest,
  RenewLeaseResponse,
  ReturnLeaseRequest,
  ReturnLeaseResponse,
} from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { subjectTokenPattern } from "@switchyard/runtime";
import { BudgetRefusal } from "../accounts/budget-refusal.js";
import type { RuleClock } from "../accounts/budget-usage.js";
import { applicableBudgetIds } from "../accounts/budget-usage.js";
import { LeaseGone, acquireLease, leastRemaining, renewLease } from "../accounts/lease-rules.js";
import { release, tenantOfReservation } from "../accounts/reservation-rules.js";
import type { Reservation, TenantAccount } from "../accounts/tenant-account.js";
import { budgetStatuses, refusalToConnectError } from "./budget-status.js";
import { actingTenant, principalOf } from "./ledger-auth.js";
import type { LedgerDeps } from "./ledger-deps.js";
import { apiKeyOf, taskTypeOf } from "./reservation-rpc.js";

function invalid(message: string): never {
  throw new ConnectError(message, Code.InvalidArgument);
}

function ttlMs(deps: LedgerDeps, requested: number): number {
  const seconds = requested || deps.reservationTtl.leaseDefaultSeconds;
  if (seconds > deps.reservationTtl.maxSeconds) invalid(`ttl_seconds: at most ${deps.reservationTtl.maxSeconds} (got ${seconds})`);
  return seconds * 1_000;
}

function nonNegative(value: bigint, field: string): bigint {
  if (value < 0n) invalid(`${field}: must not be negative (got ${value})`);
  return value;
}

function leaseMessage(account: TenantAccount, lease: Reservation, clock: RuleClock): Lease {
  return create(LeaseSchema, {
    leaseId: lease.id,
    amountNanoUsd: lease.amountNanoUsd,
    settledNanoUsd: lease.settledNanoUsd,
    expiresAt: timestampFromMs(lease.expiresAt),
    remainingNanoUsd: leastRemaining(account, lease, clock).least ?? -1n,
    budgets: budgetStatuses(account, applicableBudgetIds(account, lease), clock),
  });
}

/** The tenant a lease id names, checked against the caller. */
function leaseTenant(context: HandlerContext, leaseId: string): string {
  const tenant = tenantOfReservation(leaseId) ?? invalid(`lease_id: "${leaseId.slice(0, 80)}" is not a lease id`);
  actingTenant(principalOf(context), tenant);
  return tenant;
}

/** AcquireLease: a slice of what remains, or RESOURCE_EXHAUSTED when less than the minimum does. */
export async function acquireLeaseRpc(deps: LedgerDeps, request: AcquireLeaseRequest, context: HandlerContext): Promise<AcquireLeaseResponse> {
  const principal = principalOf(context);
  const tenant = actingTenant(principal, request.tenant);
  if (!request.holderId || request.holderId.length > 200) invalid("holder_id: required, at most 200 characters");
  if (request.project && !subjectTokenPattern.test(request.project)) invalid("project: use letters, digits, '_' or '-' (at most 64)");
  const input = {
    holderId: request.holderId,
    apiKeyId: apiKeyOf(deps, principal, tenant, request.apiKeyId),
    project: request.project,
    taskType: taskTypeOf(request.taskType),
    amountNanoUsd: nonNegative(request.amountNanoUsd, "amount_nano_usd"),
    minNanoUsd: nonNegative(request.minNanoUsd, "min_nano_usd"),
    ttlMs: ttlMs(deps, request.ttlSeconds),
  };
  try {
    const lease = await deps.book.change(tenant, (account, clock) => leaseMessage(account, acquireLease(account, input, clock), clock));
    deps.ledgerMetrics.lease("granted");
    return create(AcquireLeaseResponseSchema, { lease });
  } catch (error) {
    if (!BudgetRefusal.isInstance(error)) throw error;
    deps.ledgerMetrics.lease("refused");
    throw refusalToConnectError(error);
  }
}

/** RenewLease: a longer life and a new size; NOT_FOUND once the lease is gone. */
export async function renewLeaseRpc(deps: LedgerDeps, request: RenewLeaseRequest, context: HandlerContext): Promise<RenewLeaseResponse> {
  const tenant = leaseTenant(context, request.leaseId);
  const input = {
    amountNanoUsd: nonNegative(request.amountNanoUsd, "amount_nano_usd"),
    incurredNanoUsd: nonNegative(request.incurredCostNanoUsd, "incurred_cost_nano_usd"),
    incurredTokens: request.incurredTokens,
    ttlMs: ttlMs(deps, request.ttlSeconds),
  };
  try {
    const lease = await deps.book.change(tenant, (account, clock) => leaseMessage(account, renewLease(account, request.leaseId, input, clock), clock));
    deps.ledgerMetrics.lease("renewed");
    return create(RenewLeaseResponseSchema, { lease });
  } catch (error) {
    if (!LeaseGone.isInstance(error)) throw error;
    throw new ConnectError(error.message, Code.NotFound);
  }
}

/** ReturnLease: frees what the lease holds beyond what was billed and not yet settled. */
export async function returnLeaseRpc(deps: LedgerDeps, request: ReturnLeaseRequest, context: HandlerContext): Promise<ReturnLeaseResponse> {
  const tenant = leaseTenant(context, request.leaseId);
  const incurred = { nanoUsd: nonNegative(request.incurredCostNanoUsd, "incurred_cost_nano_usd"), tokens: request.incurredTokens };
  const returned = await deps.book.change(tenant, (account, clock) => {
    if (!account.reservations[request.leaseId]?.lease) return false;
    return release(account, request.leaseId, clock.now, incurred);
  });
  if (returned) deps.ledgerMetrics.lease("returned");
  return create(ReturnLeaseResponseSchema, { returned });
}
