import type { Logger } from "@switchyard/runtime";
import type { CircuitBreaker } from "./breaker/circuit-breaker.js";
import { createCircuitBreaker } from "./breaker/circuit-breaker.js";
import type { SharedBreakerRecords } from "./breaker/shared-breaker-records.js";
import type { KeyValueStore } from "./coordination/key-value-store.js";
import type { OutcomeBus } from "./coordination/outcome-bus.js";
import type { ConcurrencyGate } from "./limits/concurrency-gate.js";
import { createConcurrencyGate } from "./limits/concurrency-gate.js";
import type { RateLimiter } from "./limits/shared-rate-limiter.js";
import { createSharedRateLimiter, unlimitedRateLimiter } from "./limits/shared-rate-limiter.js";
import { LatencyWindow } from "./latency-window.js";
import type { ModelDeployment } from "./model-deployments.js";

/** What protects one deployment: its shared rate limits and breaker, its local concurrency gate. */
export interface DeploymentGuards {
  readonly rate: RateLimiter;
  readonly gate: ConcurrencyGate;
  readonly breaker: CircuitBreaker;
  readonly latency: LatencyWindow;
}

/** How replicas coordinate: the shared store and outcome bus, and this replica's name. */
export interface Coordination {
  readonly store: KeyValueStore;
  readonly outcomes: OutcomeBus;
  readonly breakerRecords: SharedBreakerRecords;
  readonly instance: string;
}

/** Builds the guards of a deployment from its configured limits. */
export function createDeploymentGuards(deployment: ModelDeployment, coordination: Coordination, nowMs: () => number, logger: Logger): DeploymentGuards {
  const { limits } = deployment;
  const limited = limits.requestsPerMinute !== undefined || limits.tokensPerMinute !== undefined;
  return {
    rate: limited ? createSharedRateLimiter({ model: deployment.model, limits, store: coordination.store, nowMs, logger }) : unlimitedRateLimiter,
    gate: createConcurrencyGate(limits.maxConcurrency ?? Infinity, limits.maxQueue ?? 0),
    breaker: createCircuitBreaker({
      model: deployment.model,
      config: deployment.breaker,
      records: coordination.breakerRecords,
      outcomes: coordination.outcomes,
      instance: coordination.instance,
      probeLeaseMs: deployment.attemptTimeoutMs + 5_000,
      nowMs,
    }),
    latency: new LatencyWindow(),
  };
}
