import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { IService } from "kubernetes-models/v1/Service";
import type { K8sObject } from "./render.js";

/** A Deployment or StatefulSet, reduced to what the checks look at. */
export interface Workload {
  readonly kind: "Deployment" | "StatefulSet";
  readonly name: string;
  /** The pod template's labels (what Services, PDBs and NetworkPolicies select). */
  readonly labels: Readonly<Record<string, string>>;
  readonly pod: IPodSpec;
  readonly replicas: number | undefined;
  readonly object: K8sObject;
}

interface WorkloadShape {
  spec?: { replicas?: number; template?: { metadata?: { labels?: Record<string, string> }; spec?: IPodSpec } };
}

/** Every Deployment and StatefulSet of a rendering. */
export function workloadsOf(objects: readonly K8sObject[]): Workload[] {
  return objects.flatMap((object) => {
    if (object.kind !== "Deployment" && object.kind !== "StatefulSet") return [];
    const spec = (object as WorkloadShape).spec;
    const pod = spec?.template?.spec;
    if (!pod) throw new Error(`${object.kind}/${object.metadata.name} has no pod template`);
    return [{ kind: object.kind, name: object.metadata.name, labels: spec.template?.metadata?.labels ?? {}, pod, replicas: spec.replicas, object }];
  });
}

/** The objects of one kind, typed as the caller expects them. */
export function ofKind<T>(objects: readonly K8sObject[], kind: string): (T & K8sObject)[] {
  return objects.filter((object) => object.kind === kind) as (T & K8sObject)[];
}

/** The one object of `kind` called `name`; throws naming it when missing. */
export function named<T>(objects: readonly K8sObject[], kind: string, name: string): T & K8sObject {
  const found = ofKind<T>(objects, kind).find((object) => object.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in the rendering`);
  return found;
}

/** True when every label of a matchLabels-style selector is on `labels` (an empty selector selects all). */
export function selects(selector: Readonly<Record<string, string>> | undefined, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
}

/** The Services whose selector picks the workload's pods. */
export function servicesFor(objects: readonly K8sObject[], workload: Workload): (IService & K8sObject)[] {
  return ofKind<IService>(objects, "Service").filter((service) => service.spec?.selector && selects(service.spec.selector, workload.labels));
}

/** The number of a container's port called `name`. */
export function containerPort(container: IContainer, name: string): number | undefined {
  return container.ports?.find((port) => port.name === name)?.containerPort;
}

/** The workload's only container (every workload here runs exactly one). */
export function mainContainer(workload: Workload): IContainer {
  if (workload.pod.containers.length !== 1) throw new Error(`${workload.name}: expected one container, found ${workload.pod.containers.length}`);
  return workload.pod.containers[0]!;
}
