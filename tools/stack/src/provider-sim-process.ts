import { join } from "node:path";
import { inheritedEnvironment } from "./config.js";
import type { ManagedProcess } from "./managed-process.js";
import { startProcess } from "./managed-process.js";
import { waitForHttp } from "./wait-http.js";

/** Where and how to run the provider simulator. */
export interface SimulatorOptions {
  readonly rootDir: string;
  readonly port: number;
  readonly logDir: string;
  /** Multiplies the simulator's delays; 0 is instant. */
  readonly latencyScale: number;
  /** Extra environment for the simulator (SIM_REPLAY, ...). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts tools/provider-sim as a process and waits until it answers /healthz. */
export async function startSimulator(options: SimulatorOptions): Promise<{ readonly process: ManagedProcess; readonly url: string }> {
  const url = `http://127.0.0.1:${options.port}`;
  const sim = startProcess({
    name: "provider-sim",
    command: process.execPath,
    args: [join(options.rootDir, "tools/provider-sim/dist/main.js")],
    env: { ...inheritedEnvironment(), SIM_PORT: String(options.port), SIM_LATENCY_SCALE: String(options.latencyScale), ...options.env },
    logFile: join(options.logDir, "provider-sim.log"),
  });
  await waitForHttp(`${url}/healthz`, sim);
  return { process: sim, url };
}
