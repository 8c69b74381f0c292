import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { Counter, Histogram } from "prom-client";
import type { Registry } from "prom-client";

/** What the router records per request, beyond the per-RPC metrics every service has. */
export interface RouterMetrics {
  observe(response: CompleteResponse): void;
}

/**
 * Router metrics, following the OpenTelemetry GenAI names where they exist: tokens by type,
 * cost in nano-USD, attempts per request, and Switchyard's own overhead (wall time minus the
 * providers' time) by strategy.
 */
export function createRouterMetrics(registry: Registry): RouterMetrics {
  const tokens = new Counter({
    name: "gen_ai_client_token_usage_total",
    help: "Tokens used, by type (input/output) and model.",
    labelNames: ["gen_ai_token_type", "gen_ai_request_model"],
    registers: [registry],
  });
  const cost = new Counter({
    name: "switchyard_cost_nano_usd_total",
    help: "Cost of answered requests in nano-USD, by model and strategy.",
    labelNames: ["model", "strategy"],
    registers: [registry],
  });
  const attempts = new Histogram({
    name: "switchyard_router_attempts",
    help: "Provider attempts per request.",
    labelNames: ["strategy"],
    buckets: [1, 2, 3, 4, 6, 8, 12],
    registers: [registry],
  });
  const overhead = new Histogram({
    name: "switchyard_router_overhead_seconds",
    help: "Request time not spent in providers.",
    labelNames: ["strategy"],
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [registry],
  });
  return {
    observe(response) {
      const strategy = response.strategy;
      tokens.inc({ gen_ai_token_type: "input", gen_ai_request_model: response.model }, Number(response.usage?.inputTokens ?? 0n));
      tokens.inc({ gen_ai_token_type: "output", gen_ai_request_model: response.model }, Number(response.usage?.outputTokens ?? 0n));
      cost.inc({ model: response.model, strategy }, Number(response.totalCostNanoUsd));
      attempts.observe({ strategy }, response.attempts.length);
      const providerMs = response.attempts.reduce((sum, attempt) => sum + attempt.latencyMs, 0);
      overhead.observe({ strategy }, Math.max(0, response.latencyMs - providerMs) / 1_000);
    },
  };
}
