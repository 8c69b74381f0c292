import { summarise } from "../executor/latency-summary.js";
import type { MeasuredProcess } from "./process-usage.js";
import { cpuSince, cpuSnapshot, residentMiB } from "./process-usage.js";
import type { PeerTarget } from "./peer-targets.js";
import { timedLoop } from "./timed-loop.js";

/** What one cell (one target, one concurrency) measured. */
export interface CellFigures {
  readonly requests: number;
  readonly failures: number;
  readonly firstError?: string;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ttftP50Ms: number;
  /** CPU of every process of the gateway per answered request (0 for the upstream itself). */
  readonly cpuMsPerRequest: number;
  readonly cpuMsPerRequestByProcess: Readonly<Record<string, number>>;
  readonly rssMiB: number;
}

/** Warms up, then runs `target` for `seconds` at `concurrency`, charging `processes` for the CPU. */
export async function measureCell(
  target: PeerTarget,
  concurrency: number,
  seconds: number,
  warmupSeconds: number,
  processes: readonly MeasuredProcess[],
): Promise<CellFigures> {
  await timedLoop(concurrency, warmupSeconds, target);
  const before = cpuSnapshot(processes);
  const run = await timedLoop(concurrency, seconds, target);
  const used = cpuSince(before, processes);
  const answered = Math.max(1, run.samples.length);
  const byProcess = Object.fromEntries([...used].map(([name, ms]) => [name, ms / answered]));
  const latency = summarise(run.samples.map((sample) => sample.latencyMs));
  return {
    requests: run.samples.length,
    failures: run.failures,
    ...(run.firstError ? { firstError: run.firstError } : {}),
    rps: (run.samples.length * 1_000) / run.elapsedMs,
    p50Ms: latency.p50,
    p99Ms: latency.p99,
    ttftP50Ms: summarise(run.samples.map((sample) => sample.ttftMs)).p50,
    cpuMsPerRequest: Object.values(byProcess).reduce((sum, ms) => sum + ms, 0),
    cpuMsPerRequestByProcess: byProcess,
    rssMiB: processes.length === 0 ? 0 : residentMiB(processes),
  };
}
