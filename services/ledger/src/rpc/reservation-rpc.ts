import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { ReleaseResponseSchema, ReserveResponseSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { ReleaseRequest, ReleaseResponse, ReserveRequest, ReserveResponse } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { currentRequestContext, subjectTokenPattern, taskTypePattern } from "@switchyard/runtime";
import type { Principal } from "@switchyard/runtime";
import { BudgetRefusal } from "../accounts/budget-refusal.js";
import { applicableBudgetIds } from "../accounts/budget-usage.js";
import { release, reservationIdFor, reserve, tenantOfReservation } from "../accounts/reservation-rules.js";
import type { ReserveInput } from "../accounts/reservation-rules.js";
import { budgetStatuses, refusalToConnectError } from "./budget-status.js";
import { actingTenant, principalOf } from "./ledger-auth.js";
import type { LedgerDeps } from "./ledger-deps.js";

function invalid(message: string): never {
  throw new ConnectError(message, Code.InvalidArgument);
}

/** A task type as the router validated it; "" for none. */
export function taskTypeOf(requested: string): string {
  if (requested && !taskTypePattern.test(requested)) invalid("task_type: use at most 64 letters, digits, '_', '-' or '.'");
  return requested;
}

/** The caller's key decides; a mesh peer (the router) names the key it authenticated. */
export function apiKeyOf(deps: LedgerDeps, principal: Principal, tenant: string, requested: string): string {
  if (principal.apiKeyId !== undefined && requested && requested !== principal.apiKeyId) {
    throw new ConnectError(`api_key_id "${requested}" is not the key this call authenticated with`, Code.PermissionDenied);
  }
  const apiKeyId = principal.apiKeyId ?? requested;
  if (apiKeyId && !deps.directory.hasApiKey(tenant, apiKeyId)) invalid(`api_key_id: tenant "${tenant}" has no API key "${apiKeyId}"`);
  return apiKeyId;
}

function reserveInput(deps: LedgerDeps, principal: Principal, tenant: string, request: ReserveRequest): ReserveInput {
  const requestId = request.requestId || currentRequestContext()?.requestId || "";
  if (!requestId) invalid("request_id: required (it makes Reserve idempotent)");
  if (requestId.length > 256) invalid("request_id: at most 256 characters");
  if (request.estimatedMaxCostNanoUsd < 0n) invalid(`estimated_max_cost_nano_usd: must not be negative (got ${request.estimatedMaxCostNanoUsd})`);
  if (request.project && !subjectTokenPattern.test(request.project)) invalid("project: use letters, digits, '_' or '-' (at most 64)");
  const ttlSeconds = request.ttlSeconds || deps.reservationTtl.defaultSeconds;
  if (ttlSeconds > deps.reservationTtl.maxSeconds) invalid(`ttl_seconds: at most ${deps.reservationTtl.maxSeconds} (got ${ttlSeconds})`);
  return {
    requestId,
    apiKeyId: apiKeyOf(deps, principal, tenant, request.apiKeyId),
    project: request.project,
    taskType: taskTypeOf(request.taskType),
    amountNanoUsd: request.estimatedMaxCostNanoUsd,
    tokens: request.estimatedTokens,
    ttlMs: ttlSeconds * 1_000,
  };
}

/** Reserve: holds the estimate against every applicable budget, or refuses with RESOURCE_EXHAUSTED. */
export async function reserveRpc(deps: LedgerDeps, request: ReserveRequest, context: HandlerContext): Promise<ReserveResponse> {
  const principal = principalOf(context);
  const tenant = actingTenant(principal, request.tenant);
  const input = reserveInput(deps, principal, tenant, request);
  try {
    const response = await deps.book.change(tenant, (account, clock) => {
      const reservation = reserve(account, input, clock);
      const ids = applicableBudgetIds(account, reservation);
      return create(ReserveResponseSchema, {
        reservationId: reservation.id,
        reservedNanoUsd: reservation.amountNanoUsd,
        expiresAt: timestampFromMs(reservation.expiresAt),
        budgets: budgetStatuses(account, ids, clock),
      });
    });
    deps.ledgerMetrics.reservation("granted");
    return response;
  } catch (error) {
    if (!BudgetRefusal.isInstance(error)) throw error;
    deps.ledgerMetrics.reservation("refused");
    throw refusalToConnectError(error);
  }
}

/** Release: closes a reservation by id or by the request id given to Reserve. */
export async function releaseRpc(deps: LedgerDeps, request: ReleaseRequest, context: HandlerContext): Promise<ReleaseResponse> {
  const principal = principalOf(context);
  let reservationId = request.reservationId;
  if (!reservationId) {
    if (!request.requestId) invalid("reservation_id or request_id: one is required");
    reservationId = reservationIdFor(principal.tenant, request.requestId);
  }
  const tenant = tenantOfReservation(reservationId) ?? invalid(`reservation_id: "${reservationId.slice(0, 80)}" is not a reservation id`);
  actingTenant(principal, tenant);
  if (request.incurredCostNanoUsd < 0n) invalid(`incurred_cost_nano_usd: must not be negative, got ${request.incurredCostNanoUsd}`);
  const incurred = { nanoUsd: request.incurredCostNanoUsd, tokens: request.incurredTokens };
  const released = await deps.book.change(tenant, (account, clock) => release(account, reservationId, clock.now, incurred));
  return create(ReleaseResponseSchema, { released });
}
