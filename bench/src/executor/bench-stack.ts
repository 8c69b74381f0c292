import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startNatsServer, startProcess, waitServing } from "@switchyard/stack";
import type { ManagedProcess, RunningNats } from "@switchyard/stack";

/** The model the benchmark calls: the simulator's instant model, priced so cost is computed. */
export const benchModel = "bench-instant";

const config = `
providers:
  simulator: { kind: openai, baseUrl: "\${SIM_URL}/v1", simulated: true }
models:
  ${benchModel}: { provider: simulator, providerModel: sim-instant, contextWindow: 131072, price: { inputPerMillion: "0.10", outputPerMillion: "0.40" } }
tenants: { bench: {} }
devTenant: bench
`;

/** NATS, an instant simulator and one executor, each its own process. */
export interface BenchStack {
  readonly simUrl: string;
  readonly executorUrl: string;
  readonly executor: ManagedProcess;
  stop(): Promise<void>;
}

/** Starts the processes the benchmark measures, on free ports, from the built dist folders. */
export async function startBenchStack(rootDir: string, settings: { readonly path: string; readonly executorNodeArgs: readonly string[] }): Promise<BenchStack> {
  const workDir = mkdtempSync(join(tmpdir(), "switchyard-bench-"));
  const configPath = join(workDir, "switchyard.yaml");
  writeFileSync(configPath, config);
  const nats: RunningNats = await startNatsServer({
    name: "bench-nats",
    port: await freePort(),
    monitorPort: await freePort(),
    dataDir: join(workDir, "nats"),
    logFile: join(workDir, "nats.log"),
  });
  const simPort = await freePort();
  const simUrl = `http://127.0.0.1:${simPort}`;
  const sim = startProcess({
    name: "provider-sim",
    command: process.execPath,
    args: [join(rootDir, "tools/provider-sim/dist/main.js")],
    env: { PATH: settings.path, SIM_PORT: String(simPort), SIM_LATENCY_SCALE: "0" },
    logFile: join(workDir, "sim.log"),
  });
  const executorPort = await freePort();
  const executor = startProcess({
    name: "executor",
    command: process.execPath,
    args: [...settings.executorNodeArgs, join(rootDir, "services/executor/dist/main.js")],
    env: {
      PATH: settings.path,
      HOST: "127.0.0.1",
      PORT: String(executorPort),
      METRICS_PORT: "-1",
      NATS_URL: nats.url,
      SIM_URL: simUrl,
      SWITCHYARD_CONFIG: configPath,
      COST_OUTBOX_DIR: join(workDir, "outbox"),
      LOG_LEVEL: "warn",
    },
    logFile: join(workDir, "executor.log"),
  });
  const executorUrl = `http://127.0.0.1:${executorPort}`;
  await waitServing(executorUrl, executor);
  return {
    simUrl,
    executorUrl,
    executor,
    async stop() {
      await executor.stop("SIGTERM");
      await sim.stop("SIGTERM");
      await nats.stop();
    },
  };
}
