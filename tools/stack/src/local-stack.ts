import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { ManagedProcess } from "./managed-process.js";
import type { RunningNats } from "./nats-server.js";
import { startNatsServer } from "./nats-server.js";
import { startSimulator } from "./provider-sim-process.js";
import { startServiceProcess } from "./service-process.js";
import type { ServiceName, StackPorts } from "./stack-layout.js";
import { portWasTaken, withFreshPorts } from "./port-clash.js";
import { freePorts, serviceNames, serviceUrl } from "./stack-layout.js";

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
  /**
   * Replay mode: JSONL files (schema of ../shared/data/routing) the simulator serves recorded
   * answers from (its SIM_REPLAY). The configuration must declare the replayed models; see
   * writeReplayConfig.
   */
  readonly simReplay?: readonly string[];
  /** Extra environment for the simulator (SIM_REPLAY_TTFT_MS, ...). */
  readonly simEnv?: Readonly<Record<string, string>>;
  /** Extra environment for every service, and per service. */
  readonly env?: Readonly<Record<string, string>>;
  readonly serviceEnv?: Partial<Record<ServiceName, Readonly<Record<string, string>>>>;
  /** Extra node flags per service (e.g. `--cpu-prof`, which NODE_OPTIONS does not accept). */
  readonly nodeArgs?: Partial<Record<ServiceName, readonly string[]>>;
}

/** A running stack of real processes. */
export interface RunningStack {
  readonly ports: StackPorts;
  readonly urls: Readonly<Record<ServiceName, string>> & { readonly sim: string; readonly nats: string; readonly http: string };
  readonly logDir: string;
  /** MESH_TOKEN of every service: calls straight to an internal service must carry it (x-switchyard-mesh-token). */
  readonly meshToken: string;
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
  let ports = options.ports === "free" ? await freePorts() : options.ports;
  const logDir = join(options.workDir, "logs");
  const natsOptions = {
    name: "nats-0",
    port: ports.nats,
    monitorPort: ports.natsMonitor,
    dataDir: join(options.workDir, "nats"),
    logFile: join(logDir, "nats.log"),
  };
  let nats = await startNatsServer(natsOptions);
  const sim = await startSimulator({
    rootDir: options.rootDir,
    port: ports.sim,
    logDir,
    latencyScale: options.simLatencyScale ?? 1,
    env: { ...(options.simReplay && options.simReplay.length > 0 ? { SIM_REPLAY: options.simReplay.join(",") } : {}), ...options.simEnv },
  });
  const urls = {
    ...(Object.fromEntries(serviceNames.map((name) => [name, serviceUrl(ports, name)])) as Record<ServiceName, string>),
    sim: sim.url,
    nats: nats.url,
    http: `http://127.0.0.1:${ports.http}`,
  };
  // Every service proves itself to its peers with it, as in a deployment (deploy/README.md).
  const meshToken = randomBytes(24).toString("hex");
  const environment = (name: ServiceName): Record<string, string> => ({
    MESH_TOKEN: meshToken,
    NATS_URL: urls.nats,
    SIM_URL: sim.url,
    SWITCHYARD_CONFIG: options.configPath ?? join(options.rootDir, "config/switchyard.yaml"),
    SELECTOR_URL: urls.selector,
    EXECUTOR_URL: urls.executor,
    CRITIC_URL: urls.critic,
    LEDGER_URL: urls.ledger,
    SELECTOR_STATE_DIR: join(options.workDir, "selector-state"),
    ...options.env,
    ...options.serviceEnv?.[name],
  });
  const processes = new Map<ServiceName, ManagedProcess>();
  const launchOnce = async (name: ServiceName): Promise<void> => {
    const launched = startServiceProcess({
      rootDir: options.rootDir,
      service: name,
      instance: name,
      logDir,
      port: ports.services[name],
      metricsPort: ports.metrics[name],
      ...(name === "router" ? { httpPort: ports.http } : {}),
      env: environment(name),
      ...(options.nodeArgs?.[name] ? { nodeArgs: options.nodeArgs[name] } : {}),
    });
    processes.set(name, await launched);
  };
  // Services start dependencies first, so a service moved to fresh ports is not yet anyone's peer.
  const launch = async (name: ServiceName): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await launchOnce(name);
      } catch (error) {
        if (options.ports !== "free" || attempt === 3 || !portWasTaken(join(logDir, `${name}.log`))) throw error;
        ports = await withFreshPorts(ports, name);
        urls[name] = serviceUrl(ports, name);
        if (name === "router") urls.http = `http://127.0.0.1:${ports.http}`;
      }
    }
  };
  for (const name of serviceNames) await launch(name);
  return {
    ports,
    meshToken,
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
      await sim.process.stop("SIGTERM");
      await nats.stop();
    },
  };
}
