import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IProbe } from "kubernetes-models/v1/Probe";
import { describe, expect, it } from "vitest";
import type { K8sObject } from "./render.js";
import { describeObject, renderOverlay } from "./render.js";
import { parseQuantity } from "./resource-quantity.js";
import { schemaProblems, unknownFields } from "./schema-check.js";
import { switchyardServices } from "./service-configs.js";
import type { Workload } from "./workloads.js";
import { containerPort, mainContainer, named, ofKind, selects, workloadsOf } from "./workloads.js";

const overlays = ["dev", "prod"] as const;
const rendered = Object.fromEntries(overlays.map((overlay) => [overlay, renderOverlay(overlay)])) as Record<(typeof overlays)[number], K8sObject[]>;

describe.each(overlays)("overlays/%s", (overlay) => {
  const objects = rendered[overlay];
  const workloads = workloadsOf(objects);

  it("renders the whole topology", () => {
    const names = workloads.map((workload) => `${workload.kind}/${workload.name}`);
    expect(names).toEqual(expect.arrayContaining([...switchyardServices.map((name) => `Deployment/${name}`), "StatefulSet/nats"]));
    expect(objects.every((object) => object.metadata.namespace === (overlay === "prod" ? "switchyard" : "switchyard-dev") || object.kind === "Namespace")).toBe(
      true,
    );
  });

  it("validates every object against the Kubernetes schemas", async () => {
    const problems = await Promise.all(objects.map(async (object) => (await schemaProblems(object)).map((problem) => `${describeObject(object)}: ${problem}`)));
    expect(problems.flat()).toEqual([]);
  });

  it("uses no field the Kubernetes schemas do not know", async () => {
    const unknown = await Promise.all(objects.map(async (object) => (await unknownFields(object)).map((field) => `${describeObject(object)}: ${field}`)));
    expect(unknown.flat()).toEqual([]);
  });

  it("runs every container non-root, read-only, without privileges or capabilities", () => {
    const problems = workloads.flatMap((workload) => hardeningProblems(workload).map((problem) => `${workload.name}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it("gives every container requests and limits for CPU and memory, requests within limits", () => {
    const problems = workloads.flatMap((workload) =>
      workload.pod.containers.flatMap((container) => resourceProblems(container).map((problem) => `${workload.name}: ${problem}`)),
    );
    expect(problems).toEqual([]);
  });

  it("pins every image to a version (no latest, no bare name)", () => {
    const images = workloads.flatMap((workload) => workload.pod.containers.map((container) => container.image ?? ""));
    expect(images.filter((image) => !isPinnedImage(image))).toEqual([]);
  });

  it("probes every Switchyard service natively over gRPC health: liveness on 'liveness', readiness on the whole server", () => {
    for (const service of switchyardServices) {
      const workload = workloads.find((each) => each.kind === "Deployment" && each.name === service);
      expect(workload, `Deployment/${service}`).toBeDefined();
      const container = mainContainer(workload!);
      const grpcPort = containerPort(container, "grpc");
      expect(grpcPort, `${service}: a port named grpc`).toBeDefined();
      expect(grpcProbe(container.startupProbe), `${service} startup`).toEqual({ port: grpcPort, service: "liveness" });
      expect(grpcProbe(container.livenessProbe), `${service} liveness`).toEqual({ port: grpcPort, service: "liveness" });
      expect(grpcProbe(container.readinessProbe), `${service} readiness`).toEqual({ port: grpcPort, service: "" });
    }
  });

  it("probes every other workload too", () => {
    for (const workload of workloads) {
      const container = mainContainer(workload);
      expect(container.livenessProbe, `${workload.name} liveness`).toBeDefined();
      expect(container.readinessProbe, `${workload.name} readiness`).toBeDefined();
    }
  });

  it("covers every workload with a PodDisruptionBudget except development tools", () => {
    const budgets = ofKind<IPodDisruptionBudget>(objects, "PodDisruptionBudget");
    const uncovered = workloads.filter(
      (workload) => workload.name !== "provider-sim" && !budgets.some((budget) => selects(budget.spec?.selector?.matchLabels, workload.labels)),
    );
    expect(uncovered.map((workload) => workload.name)).toEqual([]);
    for (const budget of budgets) expect(budget.spec?.maxUnavailable, describeObject(budget)).toBe(1);
  });

  it("lets autoscalers alone own the replica count of what they scale", () => {
    const autoscalers = ofKind<IHorizontalPodAutoscaler>(objects, "HorizontalPodAutoscaler");
    expect(autoscalers.map((hpa) => hpa.spec?.scaleTargetRef.name).sort()).toEqual(overlay === "prod" ? ["executor", "router"] : []);
    for (const hpa of autoscalers) {
      const target = workloads.find((workload) => workload.kind === hpa.spec?.scaleTargetRef.kind && workload.name === hpa.spec.scaleTargetRef.name);
      expect(target, describeObject(hpa)).toBeDefined();
      expect(target?.replicas, `${describeObject(hpa)}: the Deployment must not set replicas`).toBeUndefined();
      expect(hpa.spec?.minReplicas).toBeGreaterThanOrEqual(2);
    }
  });

  it(overlay === "prod" ? "runs at least two of every service and three NATS servers" : "runs one of everything", () => {
    const scaled = new Set(ofKind<IHorizontalPodAutoscaler>(objects, "HorizontalPodAutoscaler").map((hpa) => hpa.spec?.scaleTargetRef.name));
    for (const workload of workloads.filter((each) => !scaled.has(each.name))) {
      const expected = overlay === "prod" ? (workload.name === "nats" ? 3 : 2) : 1;
      expect(workload.replicas, workload.name).toBe(expected);
    }
  });

  it("gives every pod a ServiceAccount of its own, with no API token", () => {
    for (const workload of workloads) {
      expect(workload.pod.serviceAccountName, workload.name).toBe(workload.name);
      expect(named<{ automountServiceAccountToken?: boolean }>(objects, "ServiceAccount", workload.name).automountServiceAccountToken, workload.name).toBe(
        false,
      );
      expect(workload.pod.automountServiceAccountToken, workload.name).toBe(false);
    }
  });
});

/** An image with an explicit tag other than "latest", or a digest. */
function isPinnedImage(image: string): boolean {
  const [reference, digest] = image.split("@");
  if (digest !== undefined) return /^sha256:[0-9a-f]{64}$/.test(digest);
  const tag = /:([\w][\w.-]{0,127})$/.exec(reference!.split("/").pop()!)?.[1];
  return tag !== undefined && tag !== "latest";
}

function hardeningProblems(workload: Workload): string[] {
  const pod = workload.pod.securityContext;
  const problems: string[] = [];
  if (pod?.runAsNonRoot !== true) problems.push("pod securityContext.runAsNonRoot is not true");
  if (!pod?.runAsUser) problems.push("pod securityContext.runAsUser is unset or 0");
  if (pod?.seccompProfile?.type !== "RuntimeDefault") problems.push("pod seccompProfile is not RuntimeDefault");
  if (workload.pod.hostNetwork || workload.pod.hostPID || workload.pod.hostIPC) problems.push("pod shares a host namespace");
  for (const container of [...(workload.pod.initContainers ?? []), ...workload.pod.containers]) {
    const context = container.securityContext;
    if (context?.allowPrivilegeEscalation !== false) problems.push(`${container.name}: allowPrivilegeEscalation is not false`);
    if (context?.readOnlyRootFilesystem !== true) problems.push(`${container.name}: root filesystem is writable`);
    if (context?.privileged === true) problems.push(`${container.name}: privileged`);
    if (!context?.capabilities?.drop?.includes("ALL")) problems.push(`${container.name}: capabilities not dropped`);
    if ((context?.capabilities?.add ?? []).length > 0) problems.push(`${container.name}: adds capabilities`);
  }
  return problems;
}

function resourceProblems(container: IContainer): string[] {
  const problems: string[] = [];
  for (const resource of ["cpu", "memory"]) {
    const request = container.resources?.requests?.[resource];
    const limit = container.resources?.limits?.[resource];
    if (request === undefined || limit === undefined) problems.push(`${container.name}: ${resource} request and limit required`);
    else if (parseQuantity(request) > parseQuantity(limit)) problems.push(`${container.name}: ${resource} request ${request} above limit ${limit}`);
  }
  return problems;
}

function grpcProbe(probe: IProbe | undefined): { port: number; service: string } | undefined {
  return probe?.grpc ? { port: probe.grpc.port, service: probe.grpc.service ?? "" } : undefined;
}
