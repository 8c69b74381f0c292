import { join } from "node:path";
import { inheritedEnvironment } from "./config.js";
import type { ManagedProcess } from "./managed-process.js";
import { startProcess } from "./managed-process.js";
import type { RunningNats } from "./nats-server.js";
import { startNatsServer } from "./nats-server.js";
import type { ServiceName, StackPorts } from "./stack-layout.js";
import { freePorts, serviceNames, serviceUrl } from "./stack-layout.js";
import { waitServing } from "./wait-serving.js";

/** How to start a local stack. */
export interface StackOptions {
  /** The repository root (where services/ and tools/ are built). */
  readonly rootDir: string;
  /** NATS data and logs go here. */
  readonly workDir: string;
  /** Fixed ports (npm start) or "free" (tests). */
  readonly ports: StackPorts | "free";
  readonly configPath?: string;
  /** Multiplies the simulator's delays; 0 is instant. */
  readonly simLatencyScale?: number;
  /** Extra environment for every service, and per service. */
  readonly env?: Readonly<Record<string, string>>;
  readonly serviceEnv?: Partial<Record<ServiceName, Readonly<Record<string, string>>>>;
}

/** A running stack of real processes. */
export interface RunningStack {
  readonly ports: StackPorts;
  readonly urls: Readonly<Record<ServiceName, string>> & { readonly sim: string; readonly nats: string };
  readonly logDir: string;
  readonly nats: RunningNats;
  process(name: ServiceName): ManagedProcess;
  /** Stops one service with `signal` (SIGTERM: graceful; SIGKILL: crash). */
  stopService(name: ServiceName, signal?: NodeJS.Signals): Promise<number | string>;
  /** Starts a stopped service again and waits until it is SERVING. */
  startService(name: ServiceName): Promise<void>;
  /** Restarts NATS on the same port and data directory (JetStream state survives). */
  restartNats(kill?: boolean): Promise<void>;
  /** Stops everything: services (router first), simulator, NATS. */
  stop(): Promise<void>;
}

/** Starts NATS, the simulator and the five services, and waits until all are SERVING. */
export async function startLocalStack(options: StackOptions): Promise<RunningStack> {
  const ports = options.ports === "free" ? await freePorts() : options.ports;
  const logDir = join(options.workDir, "logs");
  const natsOptions = { name: "nats-0", port: ports.nats, monitorPort: ports.natsMonitor, dataDir: join(options.workDir, "nats"), logFile: join(logDir, "nats.log") };
  let nats = await startNatsServer(natsOptions);
  const simUrl = `http://127.0.0.1:${ports.sim}`;
  const sim = startProcess({
    name: "provider-sim",
    command: process.execPath,
    args: [join(options.rootDir, "tools/provider-sim/dist/main.js")],
    env: { ...inheritedEnvironment(), SIM_PORT: String(ports.sim), SIM_LATENCY_SCALE: String(options.simLatencyScale ?? 1) },
    logFile: join(logDir, "provider-sim.log"),
  });
  await waitForHttp(`${simUrl}/healthz`, sim);
  const urls = { ...(Object.fromEntries(serviceNames.map((name) => [name, serviceUrl(ports, name)])) as Record<ServiceName, string>), sim: simUrl, nats: nats.url };
  const environment = (name: ServiceName): Record<string, string> => ({
    ...inheritedEnvironment(),
    HOST: "127.0.0.1",
    PORT: String(ports.services[name]),
    METRICS_PORT: String(ports.metrics[name]),
    NATS_URL: urls.nats,
    SIM_URL: simUrl,
    SWITCHYARD_CONFIG: options.configPath ?? join(options.rootDir, "config/switchyard.yaml"),
    READINESS_INTERVAL_MS: "500",
    SELECTOR_URL: urls.selector,
    EXECUTOR_URL: urls.executor,
    CRITIC_URL: urls.critic,
    LEDGER_URL: urls.ledger,
    SELECTOR_STATE_DIR: join(options.workDir, "selector-state"),
    ...options.env,
    ...options.serviceEnv?.[name],
  });
  const processes = new Map<ServiceName, ManagedProcess>();
  const launch = async (name: ServiceName): Promise<void> => {
    const child = startProcess({
      name,
      command: process.execPath,
      args: [join(options.rootDir, `services/${name}/dist/main.js`)],
      env: environment(name),
      logFile: join(logDir, `${name}.log`),
    });
    processes.set(name, child);
    await waitServing(urls[name], child);
  };
  for (const name of serviceNames) await launch(name);
  return {
    ports,
    urls,
    logDir,
    get nats() {
      return nats;
    },
    process: (name) => processes.get(name)!,
    stopService: (name, signal = "SIGTERM") => processes.get(name)!.stop(signal),
    startService: launch,
    async restartNats(kill = false) {
      await (kill ? nats.kill() : nats.stop());
      nats = await startNatsServer(natsOptions);
    },
    async stop() {
      for (const name of [...serviceNames].reverse()) await processes.get(name)?.stop("SIGTERM");
      await sim.stop("SIGTERM");
      await nats.stop();
    },
  };
}

async function waitForHttp(url: string, child: ManagedProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.isRunning()) throw new Error(`${child.name} exited during start-up; see its log`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms`);
}
