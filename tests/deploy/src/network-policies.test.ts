import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { describe, expect, it } from "vitest";
import type { Endpoint } from "./network-edges.js";
import { allowedEdges } from "./network-edges.js";
import { renderOverlay } from "./render.js";
import { ofKind, workloadsOf } from "./workloads.js";

const objects = renderOverlay("prod");
const namespace = ofKind<INamespace>(objects, "Namespace")[0]!;
const policies = ofKind<INetworkPolicy>(objects, "NetworkPolicy");

/** The workloads' pods, plus stand-ins for everything outside the namespace. */
const endpoints: Endpoint[] = [
  ...workloadsOf(objects).map((workload) => ({
    name: workload.name,
    inNamespace: true,
    namespaceLabels: { "kubernetes.io/metadata.name": namespace.metadata.name, ...namespace.metadata?.labels },
    podLabels: workload.labels,
    ports: workload.pod.containers.flatMap((container) =>
      (container.ports ?? []).map((port) => ({ protocol: (port.protocol ?? "TCP") as "TCP" | "UDP", port: port.containerPort, name: port.name })),
    ),
  })),
  { name: "caller", inNamespace: false, namespaceLabels: { "kubernetes.io/metadata.name": "billing" }, podLabels: { app: "billing" }, ports: [] },
  {
    name: "prometheus",
    inNamespace: false,
    namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" },
    podLabels: { "app.kubernetes.io/name": "prometheus" },
    ports: [],
  },
  {
    name: "kube-dns",
    inNamespace: false,
    namespaceLabels: { "kubernetes.io/metadata.name": "kube-system" },
    podLabels: { "k8s-app": "kube-dns" },
    ports: [
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ],
  },
  {
    name: "internet",
    inNamespace: false,
    namespaceLabels: {},
    ip: "93.184.216.34",
    ports: [
      { protocol: "TCP", port: 443 },
      { protocol: "TCP", port: 80 },
      { protocol: "TCP", port: 11434 },
    ],
  },
  {
    name: "private-network",
    inNamespace: false,
    namespaceLabels: {},
    ip: "10.20.30.40",
    ports: [
      { protocol: "TCP", port: 443 },
      { protocol: "TCP", port: 5432 },
    ],
  },
];

const workloadNames = ["router", "selector", "executor", "critic", "ledger", "nats"];
const metricsPorts: Record<string, number> = { router: 9091, selector: 9092, executor: 9093, critic: 9094, ledger: 9095, nats: 8222 };

/** The architecture's edges (deploy/components/network-policies/kustomization.yaml), and nothing else. */
const expectedEdges = [
  // Callers, wherever they run, reach the router's gRPC port.
  ...endpoints.filter((endpoint) => !endpoint.inNamespace).map((caller) => `${caller.name} -> router:TCP/50051`),
  // The HTTP door (OpenAI and Anthropic wire formats) is public like the gRPC port.
  ...endpoints.filter((endpoint) => !endpoint.inNamespace).map((caller) => `${caller.name} -> router:TCP/8080`),
  "router -> selector:TCP/50052",
  "router -> executor:TCP/50053",
  "router -> critic:TCP/50054",
  "router -> ledger:TCP/50055",
  "critic -> executor:TCP/50053",
  "critic -> selector:TCP/50052",
  "router -> nats:TCP/4222",
  "executor -> nats:TCP/4222",
  "ledger -> nats:TCP/4222",
  "nats -> nats:TCP/6222",
  "executor -> internet:TCP/443",
  ...workloadNames.flatMap((name) => [`${name} -> kube-dns:UDP/53`, `${name} -> kube-dns:TCP/53`]),
  ...workloadNames.map((name) => `prometheus -> ${name}:TCP/${metricsPorts[name]}`),
];

describe("overlays/prod: NetworkPolicies", () => {
  it("start from deny-all, in and out, for every pod", () => {
    const denyAll = policies.find((policy) => Object.keys(policy.spec?.podSelector ?? {}).length === 0 && !policy.spec?.ingress && !policy.spec?.egress);
    expect(denyAll?.spec?.policyTypes).toEqual(["Ingress", "Egress"]);
  });

  it("allow exactly the edges of the architecture", () => {
    expect(allowedEdges(policies, endpoints).sort()).toEqual([...expectedEdges].sort());
  });
});
