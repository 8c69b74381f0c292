import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";

/** One model's figures as they accumulate over the events of a period. */
export interface ModelStats {
  readonly model: string;
  provider: string;
  readonly requests: Set<string>;
  readonly answered: Set<string>;
  attempts: number;
  reached: number;
  succeeded: number;
  readonly latencies: number[];
  readonly ttfts: number[];
  qualitySum: number;
  qualityCount: number;
  cost: bigint;
  busyMs: number;
  input: bigint;
  output: bigint;
}

/** Empty figures for a model. */
export function emptyStats(model: string): ModelStats {
  return {
    model,
    provider: "",
    requests: new Set(),
    answered: new Set(),
    attempts: 0,
    reached: 0,
    succeeded: 0,
    latencies: [],
    ttfts: [],
    qualitySum: 0,
    qualityCount: 0,
    cost: 0n,
    busyMs: 0,
    input: 0n,
    output: 0n,
  };
}

/**
 * Adds one event. A quality observation adds to the quality mean only; a decision record (the
 * routing decision of a request, not an attempt) adds nothing; a cache hit reached no
 * provider and is left out; a refused attempt counts as an attempt but not in the success rate
 * or the latencies (the provider never saw it).
 */
export function addEvent(stats: ModelStats, event: CostEvent): void {
  if (event.quality !== undefined) {
    stats.qualitySum += event.quality;
    stats.qualityCount += 1;
    return;
  }
  if (event.cacheHit || event.routingDecision) return;
  const requestKey = event.requestId || `event:${event.eventId}`;
  stats.provider = event.provider || stats.provider;
  stats.requests.add(requestKey);
  stats.attempts += 1;
  if (event.billed) stats.cost += event.costNanoUsd;
  stats.input += event.usage?.inputTokens ?? 0n;
  stats.output += event.usage?.outputTokens ?? 0n;
  if (event.outcome === AttemptOutcome.REJECTED) return;
  stats.reached += 1;
  stats.latencies.push(event.latencyMs);
  stats.busyMs += event.latencyMs;
  if (event.timeToFirstTokenMs > 0) stats.ttfts.push(event.timeToFirstTokenMs);
  if (event.outcome === AttemptOutcome.SUCCEEDED) {
    stats.succeeded += 1;
    stats.answered.add(requestKey);
  }
}

/** Nearest-rank percentile (p in (0,1]) of unsorted values; zero for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}
