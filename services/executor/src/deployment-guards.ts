import type { Logger } from "@switchyard/runtime";
import type { CircuitBreaker } from "./breaker/circuit-breaker.js";
import { createCircuitBreaker } from "./breaker/circuit-breaker.js";
import type { SharedBreakerRecords } from "./breaker/shared-breaker-records.js";
import type { KeyValueStore } from "./coordination/key-value-store.js";
import type { OutcomeBus } from "./coordination/outcome-bus.js";
import type { ConcurrencyGate } from "./limits/concurrency-gate.js";
import { createConcurrencyGate } from "./limits/concurrency-gate.js";
import { createSharedConcurrencyGate } from "./limits/shared-concurrency-gate.js";
import type { RateLimiter } from "./limits/shared-rate-limiter.js";
import { createSharedRateLimiter, unlimitedRateLimiter } from "./limits/shared-rate-limiter.js";
import { LatencyWindow } from "./latency-window.js";
import type { ModelDeployment } from "./model-deployments.js";

/** What protects one deployment: its shared rate limits, concurrency cap and breaker. */
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
  /** How long a replica's concurrency slots count without renewal (default 15,000 ms). */
  readonly concurrencyLeaseTtlMs?: number;
}

/** Builds the guards of a deployment from its configured limits. */
export function createDeploymentGuards(deployment: ModelDeployment, coordination: Coordination, nowMs: () => number, logger: Logger): DeploymentGuards {
  const { limits } = deployment;
  const limited = limits.requestsPerMinute !== undefined || limits.tokensPerMinute !== undefined;
  return {
    rate: limited ? createSharedRateLimiter({ model: deployment.model, limits, store: coordination.store, nowMs, logger }) : unlimitedRateLimiter,
    gate: concurrencyGate(deployment, coordination, nowMs, logger),
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

/** A configured cap is shared by the replicas; without one the local gate only counts calls. */
function concurrencyGate(deployment: ModelDeployment, coordination: Coordination, nowMs: () => number, logger: Logger): ConcurrencyGate {
  const { maxConcurrency, maxQueue = 0 } = deployment.limits;
  if (maxConcurrency === undefined) return createConcurrencyGate(Infinity, maxQueue);
  return createSharedConcurrencyGate({
    model: deployment.model,
    instance: coordination.instance,
    maxConcurrency,
    maxQueue,
    store: coordination.store,
    nowMs,
    logger,
    ...(coordination.concurrencyLeaseTtlMs !== undefined ? { leaseTtlMs: coordination.concurrencyLeaseTtlMs } : {}),
  });
}
