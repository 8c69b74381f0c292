import { describe, expect, it } from "vitest";
import { clusterInstances, defaultClusterPorts, freeClusterPorts } from "./cluster-layout.js";
import { defaultPorts } from "./stack-layout.js";

function everyPort(ports: typeof defaultClusterPorts): number[] {
  return [
    ports.sim,
    ...ports.nats.flatMap((node) => [node.client, node.cluster, node.monitor]),
    ...Object.values(ports.instances).flatMap((each) => (each ? [each.grpc, each.metrics] : [])),
  ];
}

describe("cluster layout", () => {
  it("starts dependencies first: executors and ledgers before the routers that call them", () => {
    const ids = clusterInstances().map((instance) => instance.id);
    expect(ids).toEqual(["executor-1", "executor-2", "ledger-1", "ledger-2", "selector-1", "critic-1", "router-1", "router-2"]);
  });

  it("puts replica n on the local stack's port plus 10(n-1), as deploy/README.md documents", () => {
    expect(defaultClusterPorts.instances["router-1"]).toEqual({ grpc: defaultPorts.services.router, metrics: defaultPorts.metrics.router });
    expect(defaultClusterPorts.instances["router-2"]).toEqual({ grpc: 50061, metrics: 9101 });
    expect(defaultClusterPorts.instances["ledger-2"]).toEqual({ grpc: 50065, metrics: 9105 });
    expect(defaultClusterPorts.nats).toEqual([
      { client: 4222, cluster: 6222, monitor: 8222 },
      { client: 4223, cluster: 6223, monitor: 8223 },
      { client: 4224, cluster: 6224, monitor: 8224 },
    ]);
  });

  it("never gives two listeners one port, documented or free", async () => {
    for (const ports of [defaultClusterPorts, await freeClusterPorts()]) {
      const all = everyPort(ports);
      expect(new Set(all).size).toBe(all.length);
      expect(all).toHaveLength(1 + 3 * 3 + 8 * 2);
    }
  });
});
