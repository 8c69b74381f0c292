import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { AttemptOutcome, UsageSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { Caller } from "../route-run.js";

/** The event id of a request's decision record: one per request, so a republish is deduplicated. */
export function decisionRecordId(requestId: string): string {
  return `${requestId}.decision`;
}

/**
 * The ledger's copy of a response's routing decision: a zero-cost, unbilled record (no usage, no
 * provider attempt) keyed by the request, so LookupRequest and the event exports itemise why the
 * router answered as it did next to what each attempt cost.
 */
export function decisionRecord(response: CompleteResponse, caller: Caller, tags: Readonly<Record<string, string>>, occurredAtMs: number): CostEvent {
  return create(CostEventSchema, {
    eventId: decisionRecordId(caller.requestId),
    requestId: caller.requestId,
    tenant: caller.tenant,
    apiKeyId: caller.apiKeyId ?? "",
    model: response.model,
    provider: response.provider,
    strategy: response.strategy,
    taskType: response.taskType,
    usage: create(UsageSchema),
    costNanoUsd: 0n,
    outcome: AttemptOutcome.UNSPECIFIED,
    billed: false,
    occurredAt: timestampFromMs(occurredAtMs),
    tags: { ...tags },
    simulated: response.simulated,
    routingDecision: response.routingDecision,
  });
}
