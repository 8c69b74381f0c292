import { freePort } from "./free-port.js";
import type { NatsNodePorts } from "./nats-cluster.js";
import type { ServiceName } from "./stack-layout.js";
import { defaultPorts, serviceNames } from "./stack-layout.js";

/** Replicas per service in the local cluster: the production shape, as small as it gets. */
export const clusterReplicas: Readonly<Record<ServiceName, number>> = { executor: 2, ledger: 2, selector: 1, critic: 1, router: 2 };

/** Nodes of the local NATS cluster (JetStream needs three for R3 streams to survive one loss). */
export const clusterNatsNodes = 3;

/** One process of the cluster: "router-1", "router-2", "selector-1", ... */
export type InstanceId = `${ServiceName}-${number}`;

/** An instance and the service it runs. */
export interface ClusterInstance {
  readonly id: InstanceId;
  readonly service: ServiceName;
  /** 1-based. */
  readonly replica: number;
}

/** The ports of one instance. */
export interface InstancePorts {
  readonly grpc: number;
  readonly metrics: number;
}

/** Every port the local cluster listens on. */
export interface ClusterPorts {
  readonly nats: readonly NatsNodePorts[];
  readonly sim: number;
  readonly instances: Readonly<Partial<Record<InstanceId, InstancePorts>>>;
}

/** Every instance, services in start order (dependencies first), replicas in order. */
export function clusterInstances(): ClusterInstance[] {
  return serviceNames.flatMap((service) =>
    Array.from({ length: clusterReplicas[service] }, (_, index) => ({ id: `${service}-${index + 1}` as const, service, replica: index + 1 })),
  );
}

/**
 * The documented ports (README, "Local cluster"): replica n of a service listens on the local
 * stack's port plus 10·(n−1) (router-1 50051, router-2 50061; metrics 9091, 9101); NATS node i
 * on 4222+i (client), 6222+i (routes) and 8222+i (monitoring); the simulator on 18080.
 */
export const defaultClusterPorts: ClusterPorts = {
  nats: Array.from({ length: clusterNatsNodes }, (_, index) => ({ client: 4222 + index, cluster: 6222 + index, monitor: 8222 + index })),
  sim: defaultPorts.sim,
  instances: Object.fromEntries(
    clusterInstances().map(({ id, service, replica }) => [
      id,
      { grpc: defaultPorts.services[service] + 10 * (replica - 1), metrics: defaultPorts.metrics[service] + 10 * (replica - 1) },
    ]),
  ),
};

/** Free ports for every listener, all different, so that tests can run beside anything else on the machine. */
export async function freeClusterPorts(): Promise<ClusterPorts> {
  const taken = new Set<number>();
  const pick = async (): Promise<number> => {
    for (;;) {
      const port = await freePort();
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
  };
  const nats = [];
  for (let index = 0; index < clusterNatsNodes; index += 1) nats.push({ client: await pick(), cluster: await pick(), monitor: await pick() });
  const instances: Partial<Record<InstanceId, InstancePorts>> = {};
  for (const { id } of clusterInstances()) instances[id] = { grpc: await pick(), metrics: await pick() };
  return { nats, sim: await pick(), instances };
}
