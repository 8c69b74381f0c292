import type { IIoK8sApimachineryPkgApisMetaV1LabelSelector as LabelSelector } from "@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyPeer } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer";
import type { INetworkPolicyPort } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort";

/** A port something listens on. */
export interface ListeningPort {
  readonly protocol: "TCP" | "UDP";
  readonly port: number;
  readonly name?: string;
}

/** Something that sends or receives traffic: a workload's pods, or a stand-in for the world outside. */
export interface Endpoint {
  readonly name: string;
  /** True for pods of the namespace the policies live in (policies select and isolate them). */
  readonly inNamespace: boolean;
  readonly namespaceLabels: Readonly<Record<string, string>>;
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly ip?: string;
  readonly ports: readonly ListeningPort[];
}

/**
 * Every edge the NetworkPolicies allow among `endpoints`, as "from -> to:PROTOCOL/port", with
 * Kubernetes semantics: a pod selected by a policy of a direction is isolated in that direction
 * and only what some rule allows gets through; traffic between two pods of the namespace needs
 * the sender's egress and the receiver's ingress.
 */
export function allowedEdges(policies: readonly INetworkPolicy[], endpoints: readonly Endpoint[]): string[] {
  const edges: string[] = [];
  for (const from of endpoints) {
    for (const to of endpoints) {
      if (!from.inNamespace && !to.inNamespace) continue;
      for (const port of to.ports) {
        if (allows(policies, "Egress", from, to, port) && allows(policies, "Ingress", to, from, port)) {
          edges.push(`${from.name} -> ${to.name}:${port.protocol}/${port.port}`);
        }
      }
    }
  }
  return edges;
}

/** Does `subject` (the pod the policies apply to) let traffic to or from `peer` on `port`? */
function allows(policies: readonly INetworkPolicy[], direction: "Ingress" | "Egress", subject: Endpoint, peer: Endpoint, port: ListeningPort): boolean {
  if (!subject.inNamespace) return true;
  const applying = policies.filter((policy) => policyTypes(policy).includes(direction) && matchesSelector(policy.spec?.podSelector, subject.podLabels ?? {}));
  if (applying.length === 0) return true;
  const target = direction === "Ingress" ? subject : peer;
  return applying.some((policy) => {
    const rules =
      direction === "Ingress"
        ? (policy.spec?.ingress ?? []).map((rule) => ({ peers: rule.from, ports: rule.ports }))
        : (policy.spec?.egress ?? []).map((rule) => ({ peers: rule.to, ports: rule.ports }));
    return rules.some(
      (rule) =>
        (rule.peers === undefined || rule.peers.length === 0 || rule.peers.some((each) => matchesPeer(each, peer))) && matchesPorts(rule.ports, port, target),
    );
  });
}

function policyTypes(policy: INetworkPolicy): string[] {
  return policy.spec?.policyTypes ?? ["Ingress", ...(policy.spec?.egress ? ["Egress"] : [])];
}

function matchesPeer(peer: INetworkPolicyPeer, endpoint: Endpoint): boolean {
  if (peer.ipBlock) {
    const block = peer.ipBlock;
    return endpoint.ip !== undefined && inCidr(endpoint.ip, block.cidr) && !(block.except ?? []).some((cidr) => inCidr(endpoint.ip!, cidr));
  }
  if (endpoint.podLabels === undefined) return false;
  if (peer.namespaceSelector) return matchesSelector(peer.namespaceSelector, endpoint.namespaceLabels) && matchesSelector(peer.podSelector, endpoint.podLabels);
  return endpoint.inNamespace && matchesSelector(peer.podSelector, endpoint.podLabels);
}

function matchesPorts(rulePorts: readonly INetworkPolicyPort[] | undefined, port: ListeningPort, target: Endpoint): boolean {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some((rule) => {
    if ((rule.protocol ?? "TCP") !== port.protocol) return false;
    if (rule.port === undefined) return true;
    if (typeof rule.port === "string")
      return target.ports.some((each) => each.name === rule.port && each.port === port.port && each.protocol === port.protocol);
    return rule.endPort !== undefined ? port.port >= rule.port && port.port <= rule.endPort : port.port === rule.port;
  });
}

/** Label selector semantics (matchLabels and matchExpressions); absent or empty selects everything. */
export function matchesSelector(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every((expression) => {
    const value = labels[expression.key];
    switch (expression.operator) {
      case "In":
        return value !== undefined && (expression.values ?? []).includes(value);
      case "NotIn":
        return value === undefined || !(expression.values ?? []).includes(value);
      case "Exists":
        return value !== undefined;
      case "DoesNotExist":
        return value === undefined;
      default:
        throw new Error(`unknown selector operator ${expression.operator}`);
    }
  });
  return byLabels && byExpressions;
}

/** IPv4 CIDR membership; an IPv6 block never holds an IPv4 address. */
function inCidr(ip: string, cidr: string): boolean {
  if (cidr.includes(":") || ip.includes(":")) return cidr.includes(":") && ip.includes(":") && cidr === "::/0";
  const [base, bits] = cidr.split("/");
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return (toNumber(ip) & mask) >>> 0 === (toNumber(base!) & mask) >>> 0;
}

function toNumber(ip: string): number {
  return ip.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
}
