import type { CallRecord } from "./soak-load.js";
import type { ProcessSample } from "./soak-sampler.js";

/** A process's memory verdict: the mean RSS of the first and last third of the run. */
export interface MemoryTrend {
  readonly firstThirdMiB: number;
  readonly lastThirdMiB: number;
  readonly growthPercent: number;
  /** Growth within the last third alone (its last sixth against its first sixth of the run). */
  readonly lateGrowthPercent: number;
  readonly plateaus: boolean;
}

/** Memory grows less than this from the first to the last third, or has stopped growing late. */
const plateauGrowthPercent = 10;
const lateGrowthLimitPercent = 3;

/** Compares the first and last third of a process's RSS samples. */
export function memoryTrend(samples: readonly ProcessSample[]): MemoryTrend | undefined {
  if (samples.length < 6) return undefined;
  const third = Math.floor(samples.length / 3);
  const mean = (part: readonly ProcessSample[]): number => part.reduce((sum, sample) => sum + sample.rssBytes, 0) / part.length / 2 ** 20;
  const first = mean(samples.slice(0, third));
  const lastPart = samples.slice(samples.length - third);
  const last = mean(lastPart);
  const half = Math.floor(lastPart.length / 2);
  const lateGrowthPercent = ((mean(lastPart.slice(half)) - mean(lastPart.slice(0, half))) / mean(lastPart.slice(0, half))) * 100;
  const growthPercent = ((last - first) / first) * 100;
  return {
    firstThirdMiB: first,
    lastThirdMiB: last,
    growthPercent,
    lateGrowthPercent,
    plateaus: growthPercent < plateauGrowthPercent || lateGrowthPercent < lateGrowthLimitPercent,
  };
}

/** One window of the run: calls started in it, their failures, and latency percentiles. */
export interface LatencyWindow {
  readonly fromMinute: number;
  readonly calls: number;
  readonly failed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Splits the calls into `windows` windows of equal time and gives each one's p50/p99. */
export function latencyOverTime(calls: readonly CallRecord[], durationMs: number, windows: number): LatencyWindow[] {
  const width = durationMs / windows;
  return Array.from({ length: windows }, (_, index) => {
    const inWindow = calls.filter((call) => call.startedMs >= index * width && call.startedMs < (index + 1) * width);
    const latencies = inWindow
      .filter((call) => call.ok)
      .map((call) => call.latencyMs)
      .sort((a, b) => a - b);
    return {
      fromMinute: (index * width) / 60_000,
      calls: inWindow.length,
      failed: inWindow.filter((call) => !call.ok).length,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
    };
  });
}

/** The largest p99 event-loop delay seen in each third of the run. */
export function loopDelayByThird(samples: readonly ProcessSample[]): number[] {
  const third = Math.max(1, Math.floor(samples.length / 3));
  return [samples.slice(0, third), samples.slice(third, 2 * third), samples.slice(2 * third)].map((part) =>
    Math.max(0, ...part.map((sample) => sample.loopDelayP99Ms)),
  );
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
