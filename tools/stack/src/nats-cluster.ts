import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { NatsServerOptions, RunningNats } from "./nats-server.js";
import { startNatsServer } from "./nats-server.js";

/** The three ports of one cluster node. */
export interface NatsNodePorts {
  readonly client: number;
  /** Route port: where the other nodes connect. */
  readonly cluster: number;
  readonly monitor: number;
}

/** How to start a NATS cluster on loopback. */
export interface NatsClusterOptions {
  readonly name: string;
  readonly nodes: readonly NatsNodePorts[];
  /** Each node keeps its JetStream data in `<workDir>/nats-<i>`. */
  readonly workDir: string;
  readonly logDir: string;
}

/** A running NATS cluster whose nodes can be crashed and brought back one at a time. */
export interface RunningNatsCluster {
  /** Client URLs of every node, for a comma-separated NATS_URL. */
  readonly urls: readonly string[];
  /** The running node at `index`, undefined while it is down. */
  node(index: number): RunningNats | undefined;
  /** kill -9 one node: a crash, with no goodbye to clients or peers. */
  kill(index: number): Promise<void>;
  /** Starts a downed node again on its ports and data, and waits until it has rejoined. */
  start(index: number): Promise<void>;
  stopAll(): Promise<void>;
}

/**
 * Starts a JetStream cluster (routes between every node on 127.0.0.1) and waits until a meta
 * leader is elected with every node present, so streams with replicas can be created at once.
 */
export async function startNatsCluster(options: NatsClusterOptions): Promise<RunningNatsCluster> {
  const routes = options.nodes.map((node) => `nats://127.0.0.1:${node.cluster}`);
  const nodeOptions = (index: number): NatsServerOptions => {
    const ports = options.nodes[index]!;
    return {
      name: `nats-${index}`,
      port: ports.client,
      monitorPort: ports.monitor,
      dataDir: join(options.workDir, `nats-${index}`),
      logFile: join(options.logDir, `nats-${index}.log`),
      cluster: { name: options.name, port: ports.cluster, routes: routes.filter((_, other) => other !== index) },
    };
  };
  const running: (RunningNats | undefined)[] = await Promise.all(options.nodes.map((_, index) => startNatsServer(nodeOptions(index))));
  const monitors = options.nodes.map((node) => node.monitor);
  await waitForMetaLeader(monitors, options.nodes.length);
  return {
    urls: options.nodes.map((node) => `nats://127.0.0.1:${node.client}`),
    node: (index) => running[index],
    async kill(index) {
      await running[index]?.kill();
      running[index] = undefined;
    },
    async start(index) {
      if (running[index]) return;
      running[index] = await startNatsServer(nodeOptions(index));
      await waitForMetaLeader([monitors[index]!], options.nodes.length);
      await waitHealthy(monitors[index]!);
    },
    async stopAll() {
      await Promise.all(running.flatMap((node) => (node ? [node.stop()] : [])));
      running.fill(undefined);
    },
  };
}

interface MetaCluster {
  readonly leader?: string;
  readonly cluster_size?: number;
}

/** Waits until every node at `monitorPorts` knows a meta leader of a cluster of `size`. */
async function waitForMetaLeader(monitorPorts: readonly number[], size: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const ready = async (port: number): Promise<boolean> => {
    try {
      const body = (await (await fetch(`http://127.0.0.1:${port}/jsz`)).json()) as { meta_cluster?: MetaCluster };
      return Boolean(body.meta_cluster?.leader) && (body.meta_cluster?.cluster_size ?? 0) >= size;
    } catch {
      return false;
    }
  };
  while (Date.now() < deadline) {
    if ((await Promise.all(monitorPorts.map(ready))).every(Boolean)) return;
    await sleep(100);
  }
  throw new Error(`NATS cluster has no JetStream meta leader with ${size} nodes after ${timeoutMs} ms`);
}

/** Waits until a node's full health check passes (JetStream assets caught up). */
async function waitHealthy(monitorPort: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${monitorPort}/healthz`)).ok) return;
    } catch {
      // restarting
    }
    await sleep(100);
  }
  throw new Error(`NATS node on monitor port ${monitorPort} not healthy after ${timeoutMs} ms`);
}
