import type { Caller } from "../route-run.js";
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { AttemptOutcome, AttemptSchema, UsageSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { CompleteResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequest, CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";

/** Who asked, for the hit's response and its cost event. */
/** Who the hit answers: the request's authenticated caller. */
export type HitCaller = Caller;

/**
 * The response for a cache hit: the stored answer (model, text, tool calls, how it was chosen)
 * under this request's ids, with one attempt flagged `cache_hit` that cost nothing and saved
 * what the stored answer cost. The stored attempts, critiques and candidates belong to the
 * request that paid for them and are not repeated.
 */
export function hitResponse(stored: CompleteResponse, caller: HitCaller, attemptId: string, latencyMs: number): CompleteResponse {
  const attempt = create(AttemptSchema, {
    attemptId,
    model: stored.model,
    provider: stored.provider,
    outcome: AttemptOutcome.SUCCEEDED,
    usage: create(UsageSchema),
    costNanoUsd: 0n,
    latencyMs,
    billed: false,
    simulated: stored.simulated,
    cacheHit: true,
    savedNanoUsd: stored.totalCostNanoUsd,
  });
  return create(CompleteResponseSchema, {
    ...stored,
    attempts: [attempt],
    critiques: [],
    candidates: [],
    totalCostNanoUsd: 0n,
    usage: create(UsageSchema),
    requestId: caller.requestId,
    traceId: caller.traceId,
    latencyMs,
    cacheHit: true,
  });
}

/** The ledger's record of a hit: zero cost, not billed, and the saved amount. */
export function hitCostEvent(request: CompleteRequest, response: CompleteResponse, caller: HitCaller, occurredAtMs: number): CostEvent {
  const attempt = response.attempts[0];
  return create(CostEventSchema, {
    eventId: attempt?.attemptId ?? "",
    requestId: caller.requestId,
    tenant: caller.tenant,
    apiKeyId: caller.apiKeyId ?? "",
    model: response.model,
    provider: response.provider,
    strategy: response.strategy,
    taskType: response.taskType,
    usage: create(UsageSchema),
    costNanoUsd: 0n,
    outcome: AttemptOutcome.SUCCEEDED,
    billed: false,
    occurredAt: timestampFromMs(occurredAtMs),
    latencyMs: attempt?.latencyMs ?? 0,
    tags: request.tags,
    simulated: response.simulated,
    attemptNumber: 1,
    cacheHit: true,
    savedNanoUsd: attempt?.savedNanoUsd ?? 0n,
  });
}
