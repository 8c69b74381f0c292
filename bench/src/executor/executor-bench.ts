import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { benchModel, startBenchStack } from "./bench-stack.js";
import { loadExecutorBenchConfig } from "./config.js";
import type { CallTarget } from "./call-targets.js";
import { directTargets, executorTargets } from "./call-targets.js";
import { closedLoop } from "./closed-loop.js";
import { median, summarise } from "./latency-summary.js";
import { processCpuMs } from "./process-cpu.js";

// `npm run bench:executor`: the executor's overhead over calling the upstream directly, against
// the simulator's instant model. Prints figures; asserts nothing. Medians of RUNS runs.
const config = loadExecutorBenchConfig();
const { runs, requestsPerRun, concurrencies, modes } = config;
const rootDir = join(import.meta.dirname, "../../..");

interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly ttftP50: number;
  readonly cpuMsPerRequest: number;
}

async function measure(target: CallTarget, concurrency: number, cpuPid: number | undefined): Promise<Figures> {
  await closedLoop(concurrency, Math.min(300, requestsPerRun), target);
  const perRun: Figures[] = [];
  for (let run = 0; run < runs; run += 1) {
    const cpuBefore = cpuPid === undefined ? 0 : processCpuMs(cpuPid);
    const result = await closedLoop(concurrency, requestsPerRun, target);
    const cpuMs = cpuPid === undefined ? 0 : processCpuMs(cpuPid) - cpuBefore;
    const latency = summarise(result.samples.map((sample) => sample.latencyMs));
    const ttft = summarise(result.samples.map((sample) => sample.ttftMs));
    perRun.push({
      rps: (result.samples.length * 1_000) / result.elapsedMs,
      p50: latency.p50,
      p99: latency.p99,
      ttftP50: ttft.p50,
      cpuMsPerRequest: cpuMs / result.samples.length,
    });
  }
  const pick = (key: keyof Figures): number => median(perRun.map((figures) => figures[key]));
  return { rps: pick("rps"), p50: pick("p50"), p99: pick("p99"), ttftP50: pick("ttftP50"), cpuMsPerRequest: pick("cpuMsPerRequest") };
}

const fixed = (value: number, digits = 3): string => value.toFixed(digits);

const stack = await startBenchStack(rootDir, config);
try {
  console.log(
    `executor benchmark: ${cpus().length} cores, load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(" ")} at start (other work on this machine shows here)`,
  );
  console.log(`instant simulated upstream (sim-instant), ${runs} runs of ${requestsPerRun} requests per figure, medians; latencies in ms`);
  console.log("the executor is called as a router calls it (Connect protocol, binary, HTTP/2); bench:rpc-floor prints what one bare call costs\n");
  console.log("mode    conc   req/s   p50    p99    direct p50  added p50  TTFT p50  direct TTFT  added TTFT  executor CPU ms/req");
  const direct = directTargets(stack.simUrl);
  const viaExecutor = executorTargets(stack.executorUrl, benchModel);
  for (const mode of modes) {
    for (const concurrency of concurrencies) {
      const baseline = await measure(direct[mode], concurrency, undefined);
      const measured = await measure(viaExecutor[mode], concurrency, stack.executor.pid);
      console.log(
        [
          mode.padEnd(7),
          String(concurrency).padStart(4),
          fixed(measured.rps, 0).padStart(7),
          fixed(measured.p50).padStart(6),
          fixed(measured.p99).padStart(6),
          fixed(baseline.p50).padStart(11),
          fixed(measured.p50 - baseline.p50).padStart(10),
          fixed(measured.ttftP50).padStart(9),
          fixed(baseline.ttftP50).padStart(12),
          fixed(measured.ttftP50 - baseline.ttftP50).padStart(11),
          fixed(measured.cpuMsPerRequest).padStart(20),
        ].join(" "),
      );
    }
  }
  console.log(
    `\nload average at end: ${loadavg()
      .map((value) => value.toFixed(2))
      .join(" ")}`,
  );
} finally {
  await stack.stop();
}
