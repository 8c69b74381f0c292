import { toJson } from "@bufbuild/protobuf";
import type { JsonValue } from "@bufbuild/protobuf";
import { AttemptSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { RoutingDecisionSchema } from "@switchyard/contracts/switchyard/v1/routing_decision_pb";
import { formatUsd } from "@switchyard/runtime";

/**
 * The `switchyard` extension field of a response: what strict clients ignore and Switchyard
 * callers read — which strategy ran, every attempt, the cost (nano-USD as a string, and USD)
 * and the routing decision, in proto JSON.
 */
export function itemisation(response: CompleteResponse): Record<string, JsonValue> {
  return {
    request_id: response.requestId,
    trace_id: response.traceId,
    strategy: response.strategy,
    model: response.model,
    provider: response.provider,
    simulated: response.simulated,
    confidence: response.confidence,
    total_cost_nano_usd: response.totalCostNanoUsd.toString(),
    total_cost_usd: formatUsd(response.totalCostNanoUsd),
    attempts: response.attempts.map((attempt) => toJson(AttemptSchema, attempt)),
    ...(response.routingDecision ? { routing_decision: toJson(RoutingDecisionSchema, response.routingDecision) } : {}),
  };
}

/** The same facts as response headers, for clients that only see headers. */
export function itemisationHeaders(response: CompleteResponse): Record<string, string> {
  return {
    "x-switchyard-request-id": response.requestId,
    "x-switchyard-model": response.model,
    "x-switchyard-provider": response.provider,
    "x-switchyard-strategy": response.strategy,
    "x-switchyard-cost-nano-usd": response.totalCostNanoUsd.toString(),
    "x-switchyard-attempts": String(response.attempts.length),
    "x-switchyard-simulated": String(response.simulated),
  };
}
