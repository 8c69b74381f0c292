#!/usr/bin/env node
// `npm run bench:peer`: Switchyard's whole stack against Portkey's gateway (installed from npm
// into a scratch folder, never a dependency), both in front of one instant OpenAI-compatible
// stub, driven by this process as a closed-loop load generator. Every gateway process is pinned
// to one core with taskset, the stub and this process to another. Prints figures and the last
// line as one JSON object; asserts nothing.
import { mkdirSync, mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { MeasuredProcess } from "./process-usage.js";
import { loadPeerBenchConfig } from "./peer-config.js";
import { measureCell } from "./peer-figures.js";
import type { PeerRow } from "./peer-report.js";
import { checkTargets, printRatios, printTable, printTargets, ratios } from "./peer-report.js";
import type { PeerTargets } from "./peer-targets.js";
import { openAiTargets, portkeyTargets, switchyardTargets } from "./peer-targets.js";
import { defaultGatewayCore, pinToCore } from "./pin-core.js";
import { installPortkey, portkeyVersion, startPortkey } from "./portkey-gateway.js";
import { profiledServices, startSwitchyard, switchyardModel } from "./switchyard-gateway.js";
import { printCpuProfileSummary } from "./cpu-profile-summary.js";
import { startUpstream } from "./upstream-process.js";

const config = loadPeerBenchConfig();
const rootDir = join(import.meta.dirname, "../../..");
const workDir = mkdtempSync(join(tmpdir(), "switchyard-bench-peer-"));
const gatewayCore = config.gatewayCore ?? defaultGatewayCore();
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
const warnings = new Set<string>();
const pin = (processes: readonly MeasuredProcess[], core: number): void => {
  for (const each of processes) {
    const problem = pinToCore(each.pid, core);
    if (problem) warnings.add(problem);
  }
};

console.log(`bench:peer: ${cpus().length} cores, load average ${load()} at start (other work on this machine shows in every figure: treat them as noisy)`);
console.log(
  `gateways pinned to core ${gatewayCore}; load generator and upstream stub on core ${config.clientCore}; ${config.seconds} s per cell after ${config.warmupSeconds} s of warm-up`,
);
if (config.cpuProfDir) mkdirSync(config.cpuProfDir, { recursive: true });

pin([{ name: "bench", pid: process.pid }], config.clientCore);
const upstream = await startUpstream(workDir, config.path);
pin([{ name: "upstream", pid: upstream.process.pid! }], config.clientCore);
const direct = openAiTargets(upstream.url, "stub", {});
const rows: PeerRow[] = [];

/** Every cell of one gateway: the upstream directly, then the gateway, per mode and concurrency. */
async function runGateway(gateway: "portkey" | "switchyard", targets: PeerTargets, processes: readonly MeasuredProcess[]): Promise<void> {
  for (const mode of config.modes) {
    for (const concurrency of config.concurrencies) {
      const baseline = await measureCell(direct[mode], concurrency, config.seconds, config.warmupSeconds, []);
      const measured = await measureCell(targets[mode], concurrency, config.seconds, config.warmupSeconds, processes);
      const added = mode === "unary" ? measured.p50Ms - baseline.p50Ms : measured.ttftP50Ms - baseline.ttftP50Ms;
      rows.push({ mode, concurrency, gateway: "direct", figures: baseline, addedMs: 0 }, { mode, concurrency, gateway, figures: measured, addedMs: added });
      console.log(
        `  ${gateway} ${mode} c=${concurrency}: ${measured.rps.toFixed(0)} req/s, +${added.toFixed(2)} ms, ${measured.cpuMsPerRequest.toFixed(2)} CPU ms/req (load ${load()})`,
      );
    }
  }
}

try {
  if (config.gateways.includes("portkey")) {
    const portkey = await startPortkey(installPortkey(config.scratchDir ?? join(tmpdir(), "switchyard-bench-peer")), workDir, config.path);
    try {
      const processes = [{ name: "portkey", pid: portkey.process.pid! }];
      pin(processes, gatewayCore);
      await runGateway("portkey", portkeyTargets(portkey.url, upstream.url, "stub"), processes);
    } finally {
      await portkey.process.stop("SIGTERM");
    }
  }
  if (config.gateways.includes("switchyard")) {
    const { stack, processes } = await startSwitchyard(rootDir, join(workDir, "switchyard"), upstream.url, config.cpuProfDir);
    try {
      pin(processes, gatewayCore);
      await runGateway("switchyard", switchyardTargets(stack.urls.router, switchyardModel), processes);
    } finally {
      await stack.stop();
    }
  }
} finally {
  await upstream.process.stop("SIGTERM");
}

console.log(
  `\nPortkey gateway ${portkeyVersion} vs Switchyard (pinned ${switchyardModel}, budgets and cost events on); "added" is p50 (unary) or time to first token (stream) over calling the stub directly`,
);
printTable(rows);
const allRatios = ratios(rows);
printRatios(allRatios);
const targets = checkTargets(rows);
printTargets(targets);
for (const warning of warnings) console.log(`warning: ${warning}`);
if (config.cpuProfDir) {
  console.log(`CPU profiles of router, executor and ledger: ${config.cpuProfDir}`);
  for (const name of profiledServices) printCpuProfileSummary(join(config.cpuProfDir, `${name}.cpuprofile`));
}
console.log(`load average at end: ${load()}`);
console.log(
  JSON.stringify({
    bench: "peer",
    cores: cpus().length,
    gatewayCore,
    seconds: config.seconds,
    loadAverage: loadavg(),
    portkeyVersion,
    rows,
    ratios: allRatios,
    targets,
  }),
);
