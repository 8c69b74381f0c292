import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { ClusterInstance, ClusterPorts, InstanceId, InstancePorts } from "./cluster-layout.js";
import { clusterInstances, freeClusterPorts } from "./cluster-layout.js";
import type { ManagedProcess } from "./managed-process.js";
import type { RunningNatsCluster } from "./nats-cluster.js";
import { startNatsCluster } from "./nats-cluster.js";
import { startSimulator } from "./provider-sim-process.js";
import { startServiceProcess } from "./service-process.js";
import type { ServiceName } from "./stack-layout.js";
import { serviceNames } from "./stack-layout.js";

/** How to start the local cluster. */
export interface ClusterOptions {
  /** The repository root (where services/ and tools/ are built). */
  readonly rootDir: string;
  /** NATS data and every log go here. */
  readonly workDir: string;
  /** The documented ports (npm run start:cluster) or "free" (tests). */
  readonly ports: ClusterPorts | "free";
  readonly configPath?: string;
  /** Multiplies the simulator's delays; 0 is instant. */
  readonly simLatencyScale?: number;
  /** Extra environment for every service instance. */
  readonly env?: Readonly<Record<string, string>>;
}

/** The production topology as real processes on loopback. */
export interface RunningCluster {
  readonly ports: ClusterPorts;
  readonly logDir: string;
  /** MESH_TOKEN of every service: calls straight to an internal service must carry it (x-switchyard-mesh-token). */
  readonly meshToken: string;
  readonly nats: RunningNatsCluster;
  readonly simUrl: string;
  /** gRPC base URLs of every instance of `service`, in replica order. */
  urls(service: ServiceName): string[];
  /** gRPC base URL of one instance. */
  url(id: InstanceId): string;
  readonly instances: readonly ClusterInstance[];
  /** Stops one instance: SIGTERM drains it, SIGKILL crashes it. */
  stopInstance(id: InstanceId, signal?: NodeJS.Signals): Promise<number | string>;
  /** Starts a stopped instance on its ports and waits until it is SERVING. */
  startInstance(id: InstanceId): Promise<void>;
  /** Instances that exited without being stopped (a crash), with how they ended. */
  unexpectedExits(): Promise<{ id: InstanceId; exit: number | string }[]>;
  /** Stops everything: routers first, NATS last. */
  stop(): Promise<void>;
}

/**
 * Starts a 3-node NATS JetStream cluster, the simulator, and 2 routers, 2 executors, 2 ledgers,
 * one selector and one critic. Callers of a replicated service get every replica's URL
 * (comma-separated: round-robin with failover), NATS clients get every node, and the COSTS
 * stream is created with three replicas.
 */
export async function startLocalCluster(options: ClusterOptions): Promise<RunningCluster> {
  const ports = options.ports === "free" ? await freeClusterPorts() : options.ports;
  const logDir = join(options.workDir, "logs");
  const instances = clusterInstances();
  const portsOf = (id: InstanceId): InstancePorts => {
    const found = ports.instances[id];
    if (!found) throw new Error(`unknown instance ${id}`);
    return found;
  };
  const url = (id: InstanceId): string => `http://127.0.0.1:${portsOf(id).grpc}`;
  const urls = (service: ServiceName): string[] => instances.filter((each) => each.service === service).map((each) => url(each.id));
  const nats = await startNatsCluster({ name: "switchyard", nodes: ports.nats, workDir: options.workDir, logDir });
  const processes = new Map<InstanceId, ManagedProcess>();
  /** Instances stopped on purpose (stopInstance) and not started again. */
  const stopped = new Set<InstanceId>();
  const stopAll = async (): Promise<void> => {
    for (const service of [...serviceNames].reverse()) {
      const running = instances.flatMap((each) => (each.service === service ? [processes.get(each.id)] : []));
      await Promise.all(running.flatMap((child) => (child ? [child.stop("SIGTERM")] : [])));
    }
    await sim?.process.stop("SIGTERM");
    await nats.stopAll();
  };
  let sim: Awaited<ReturnType<typeof startSimulator>> | undefined;
  // The routers prove themselves to the ledgers with it, as in a deployment (deploy/README.md).
  const meshToken = randomBytes(24).toString("hex");
  const environment = (instance: ClusterInstance, simUrl: string): Record<string, string> => ({
    MESH_TOKEN: meshToken,
    NATS_URL: nats.urls.join(","),
    COST_STREAM_REPLICAS: String(ports.nats.length),
    RESPONSE_CACHE_REPLICAS: String(ports.nats.length),
    SIM_URL: simUrl,
    SWITCHYARD_CONFIG: options.configPath ?? join(options.rootDir, "config/switchyard.yaml"),
    SELECTOR_URL: urls("selector").join(","),
    EXECUTOR_URL: urls("executor").join(","),
    CRITIC_URL: urls("critic").join(","),
    LEDGER_URL: urls("ledger").join(","),
    EXECUTOR_INSTANCE: instance.id,
    // Each executor keeps its own cost outbox, and finds it again after a restart.
    COST_OUTBOX_DIR: join(options.workDir, instance.id, "outbox"),
    ...options.env,
  });
  const launch = async (id: InstanceId): Promise<void> => {
    const instance = instances.find((each) => each.id === id)!;
    const child = await startServiceProcess({
      rootDir: options.rootDir,
      service: instance.service,
      instance: id,
      logDir,
      port: portsOf(id).grpc,
      metricsPort: portsOf(id).metrics,
      env: environment(instance, sim!.url),
    });
    processes.set(id, child);
    stopped.delete(id);
  };
  try {
    sim = await startSimulator({ rootDir: options.rootDir, port: ports.sim, logDir, latencyScale: options.simLatencyScale ?? 1 });
    for (const service of serviceNames) {
      await Promise.all(instances.filter((each) => each.service === service).map((each) => launch(each.id)));
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    ports,
    meshToken,
    logDir,
    nats,
    simUrl: sim.url,
    urls,
    url,
    instances,
    stopInstance: (id, signal = "SIGTERM") => {
      stopped.add(id);
      return processes.get(id)!.stop(signal);
    },
    startInstance: async (id) => {
      if (processes.get(id)?.isRunning()) throw new Error(`${id} is already running`);
      await launch(id);
    },
    unexpectedExits: async () => {
      const gone = [...processes].filter(([id, child]) => !stopped.has(id) && !child.isRunning());
      return Promise.all(gone.map(async ([id, child]) => ({ id, exit: await child.exited })));
    },
    stop: stopAll,
  };
}
