import { Counter, Gauge } from "prom-client";
import type { Registry } from "prom-client";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { AttemptFacts } from "./attempt-record.js";

/** The executor's own metrics, beside the RPC metrics every service has. */
export interface ExecutorMetrics {
  recordAttempt(facts: AttemptFacts): void;
}

/** Live figures read when Prometheus scrapes. */
export interface ExecutorGauges {
  readonly outboxPending: () => number;
  /** Per model: 0 closed, 1 open, 2 half-open. */
  readonly breakerPositions: () => ReadonlyMap<string, number>;
  readonly inFlight: () => ReadonlyMap<string, number>;
}

/**
 * Registers provider-attempt counters (by model, outcome, code), billed tokens and cost, and
 * gauges of breaker positions, calls in flight and the cost outbox. Names follow the OTel
 * GenAI conventions where they have one (gen_ai_client_token_usage).
 */
export function createExecutorMetrics(registry: Registry, gauges: ExecutorGauges): ExecutorMetrics {
  const attempts = new Counter({
    name: "switchyard_executor_attempts_total",
    help: "Provider attempts, by model, outcome and gRPC code.",
    labelNames: ["model", "outcome", "code"],
    registers: [registry],
  });
  const tokens = new Counter({
    name: "gen_ai_client_token_usage_total",
    help: "Billed tokens, by model and token type (input, output).",
    labelNames: ["model", "token_type"],
    registers: [registry],
  });
  const cost = new Counter({
    name: "switchyard_executor_cost_nano_usd_total",
    help: "Billed cost in nano-USD, by model.",
    labelNames: ["model"],
    registers: [registry],
  });
  new Gauge({
    name: "switchyard_executor_outbox_pending",
    help: "Cost events waiting for NATS.",
    registers: [registry],
    collect() {
      this.set(gauges.outboxPending());
    },
  });
  new Gauge({
    name: "switchyard_executor_breaker_state",
    help: "Circuit breaker position by model: 0 closed, 1 open, 2 half-open.",
    labelNames: ["model"],
    registers: [registry],
    collect() {
      for (const [model, position] of gauges.breakerPositions()) this.set({ model }, position);
    },
  });
  new Gauge({
    name: "switchyard_executor_in_flight",
    help: "Provider calls in flight on this replica, by model.",
    labelNames: ["model"],
    registers: [registry],
    collect() {
      for (const [model, count] of gauges.inFlight()) this.set({ model }, count);
    },
  });
  return {
    recordAttempt(facts) {
      const model = facts.deployment.model;
      attempts.inc({ model, outcome: AttemptOutcome[facts.outcome].toLowerCase(), code: facts.errorCode === undefined ? "ok" : codeToString(facts.errorCode) });
      if (!facts.usage) return;
      tokens.inc({ model, token_type: "input" }, facts.usage.inputTokens);
      tokens.inc({ model, token_type: "output" }, facts.usage.outputTokens);
      cost.inc({ model }, Number(facts.costNanoUsd));
    },
  };
}
