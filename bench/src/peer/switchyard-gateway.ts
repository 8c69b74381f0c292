import { serviceNames, startLocalStack } from "@switchyard/stack";
import type { RunningStack, ServiceName } from "@switchyard/stack";
import type { MeasuredProcess } from "./process-usage.js";

/** The model the bench pins: the local configuration's instant simulated model, here served by the stub. */
export const switchyardModel = "sim-instant";

/** Services started with --cpu-prof when profiling. */
export const profiledServices: readonly ServiceName[] = ["router", "executor", "ledger"];

/**
 * Switchyard's whole local stack (five services and NATS; budgets and cost events on as in
 * config/switchyard.yaml) with every simulated model's provider pointed at the upstream stub.
 */
export async function startSwitchyard(
  rootDir: string,
  workDir: string,
  upstreamUrl: string,
  cpuProfDir: string | undefined,
): Promise<{ stack: RunningStack; processes: MeasuredProcess[] }> {
  const nodeArgs = cpuProfDir
    ? Object.fromEntries(profiledServices.map((name) => [name, ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${name}.cpuprofile`]]))
    : {};
  const stack = await startLocalStack({
    rootDir,
    workDir,
    ports: "free",
    simLatencyScale: 0,
    env: { SIM_URL: upstreamUrl, LOG_LEVEL: "warn" },
    nodeArgs,
  });
  const processes: MeasuredProcess[] = serviceNames.map((name) => ({ name, pid: stack.process(name).pid! }));
  processes.push({ name: "nats", pid: stack.nats.process.pid! });
  return { stack, processes };
}
