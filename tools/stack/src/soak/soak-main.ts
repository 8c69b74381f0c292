// npm run test:soak -- [--minutes 30] [--rate 1] [--sample-seconds 15]
// A bounded soak: the local stack on free ports, the strategy mix at a steady rate through the
// router, every service's RSS and event-loop delay sampled from its /metrics. Prints whether
// memory plateaus (first vs last third) and the p99 over time. Figures, never pass/fail on time.
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startLocalStack } from "../local-stack.js";
import { serviceNames } from "../stack-layout.js";
import { runSoakLoad, soakStrategies } from "./soak-load.js";
import { latencyOverTime, loopDelayByThird, memoryTrend } from "./soak-report.js";
import { startSampler } from "./soak-sampler.js";

const { values } = parseArgs({
  options: { minutes: { type: "string", default: "30" }, rate: { type: "string", default: "1" }, "sample-seconds": { type: "string", default: "15" } },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const sampleMs = Number(values["sample-seconds"]) * 1_000;
if (!(minutes > 0) || !(rate > 0) || !(sampleMs > 0)) throw new Error("--minutes, --rate and --sample-seconds must be positive numbers");

const rootDir = join(import.meta.dirname, "../../../..");
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
console.log(`soak: ${minutes} min at ${rate} call/s, strategies ${soakStrategies.map((each) => each.name).join(", ")}; load average ${load()}`);
const stack = await startLocalStack({ rootDir, workDir: mkdtempSync(join(tmpdir(), "switchyard-soak-")), ports: "free", simLatencyScale: 0.3 });
try {
  const sampler = startSampler({ metricsPorts: Object.fromEntries(serviceNames.map((name) => [name, stack.ports.metrics[name]])), intervalMs: sampleMs });
  const durationMs = minutes * 60_000;
  const result = await runSoakLoad({ routerUrl: stack.urls.router, ratePerSecond: rate, maxInFlight: Math.max(8, Math.ceil(rate * 30)), durationMs });
  sampler.stop();
  const failed = result.calls.filter((call) => !call.ok).length;
  console.log(`\ncalls: ${result.calls.length} (${failed} failed, ${result.skipped} skipped at the in-flight cap); load average at the end ${load()}`);
  console.log("\nmemory (RSS, mean of the first vs last third of the run) and event-loop delay (largest per-scrape p99 in each third):");
  for (const name of serviceNames) {
    const samples = sampler.samples.get(name) ?? [];
    const trend = memoryTrend(samples);
    const delay = loopDelayByThird(samples)
      .map((ms) => ms.toFixed(1))
      .join(" / ");
    if (!trend) {
      console.log(`  ${name.padEnd(9)} too few samples (${samples.length})`);
      continue;
    }
    const verdict = trend.plateaus ? "plateaus" : "GROWS";
    console.log(
      `  ${name.padEnd(9)} ${trend.firstThirdMiB.toFixed(1)} → ${trend.lastThirdMiB.toFixed(1)} MiB (${signed(trend.growthPercent)}%, last third ${signed(trend.lateGrowthPercent)}%) ${verdict}; loop delay p99 ${delay} ms`,
    );
  }
  console.log("\np50 / p99 latency of answered calls over time:");
  for (const window of latencyOverTime(result.calls, durationMs, 10)) {
    console.log(
      `  from ${window.fromMinute.toFixed(1).padStart(5)} min: ${String(window.calls).padStart(5)} calls, ${window.failed} failed, p50 ${window.p50Ms.toFixed(0)} ms, p99 ${window.p99Ms.toFixed(0)} ms`,
    );
  }
  const byStrategy = soakStrategies.map(
    ({ name }) =>
      `${name} ${result.calls.filter((call) => call.strategy === name && !call.ok).length}/${result.calls.filter((call) => call.strategy === name).length}`,
  );
  console.log(`\nfailed/sent by strategy: ${byStrategy.join(", ")}`);
} finally {
  await stack.stop();
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : ""}${value.toFixed(1)}`;
}
