import { loadConfig as loadSimConfig } from "@switchyard/provider-sim/config";
import { parsePeerTarget } from "@switchyard/runtime";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IService } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import type { SecretValues } from "./pod-environment.js";
import { containerEnvironment, materialiseMountedFile } from "./pod-environment.js";
import type { K8sObject } from "./render.js";
import { renderOverlay } from "./render.js";
import { filledSecrets, readSecretsTemplate } from "./secrets-template.js";
import type { SwitchyardService } from "./service-configs.js";
import { calledAddresses, costStreamReplicas, meshToken, peerTargets, providerBaseUrls, serviceConfigLoaders, switchyardServices } from "./service-configs.js";
import type { Workload } from "./workloads.js";
import { containerPort, mainContainer, ofKind, servicesFor, workloadsOf } from "./workloads.js";

const overlays = ["dev", "prod"] as const;
const template = readSecretsTemplate();
const operatorSecrets = filledSecrets(template);

/** The environment the service's container gets, with its configuration file readable at SWITCHYARD_CONFIG. */
function podEnvironment(objects: readonly K8sObject[], workload: Workload, secrets: SecretValues): Record<string, string> {
  const container = mainContainer(workload);
  const env = containerEnvironment(objects, workload, container, secrets);
  if (env["SWITCHYARD_CONFIG"]) env["SWITCHYARD_CONFIG"] = materialiseMountedFile(objects, workload, container, env["SWITCHYARD_CONFIG"]);
  return env;
}

describe("the secrets template", () => {
  it("holds no values at all, only the names to fill in", () => {
    expect([...template.keys()].sort()).toEqual(["switchyard-provider-keys", "switchyard-tenant-keys"]);
    for (const [name, data] of template) {
      expect(Object.keys(data).length, name).toBeGreaterThan(0);
      for (const [key, value] of Object.entries(data)) expect(value, `${name}.${key}`).toBe("");
    }
  });
});

describe.each(overlays)("overlays/%s: what the services will read", (overlay) => {
  const objects = renderOverlay(overlay);
  const workloads = workloadsOf(objects);
  const workload = (name: string): Workload => {
    const found = workloads.find((each) => each.name === name);
    if (!found) throw new Error(`no workload ${name}`);
    return found;
  };

  it.each(switchyardServices)("%s accepts its environment and the ConfigMap's configuration (its own loadConfig)", (service) => {
    const env = podEnvironment(objects, workload(service), operatorSecrets);
    expect(() => serviceConfigLoaders[service](env)).not.toThrow();
  });

  it.each(switchyardServices)("%s listens where its container ports, probes and Service say", (service) => {
    const target = workload(service);
    const container = mainContainer(target);
    const parsed = serviceConfigLoaders[service](podEnvironment(objects, target, operatorSecrets)).env;
    expect(containerPort(container, "grpc")).toBe(parsed.PORT);
    expect(containerPort(container, "metrics")).toBe(parsed.METRICS_PORT);
    const [serviceObject] = servicesFor(objects, target);
    expect(serviceObject?.metadata.name).toBe(service);
    expect(serviceObject?.spec?.ports?.find((port) => port.name === "grpc")).toMatchObject({ port: parsed.PORT, targetPort: "grpc" });
    expect(serviceObject?.spec?.ports?.find((port) => port.name === "metrics")).toMatchObject({ port: parsed.METRICS_PORT, targetPort: "metrics" });
  });

  it.each(switchyardServices)("%s drains within its termination grace period", (service) => {
    const target = workload(service);
    const container = mainContainer(target);
    const parsed = serviceConfigLoaders[service](podEnvironment(objects, target, operatorSecrets)).env;
    const preStopSeconds = Number(container.lifecycle?.preStop?.exec?.command?.at(-1) ?? 0);
    expect(container.lifecycle?.preStop?.exec?.command?.[0]).toBe("sleep");
    expect(target.pod.terminationGracePeriodSeconds ?? 30).toBeGreaterThan(preStopSeconds + parsed.SHUTDOWN_GRACE_MS / 1000);
  });

  it.each(switchyardServices)("%s calls peers that exist: Services on the right ports, headless where balanced by DNS", (service) => {
    const targets = peerTargets(service, podEnvironment(objects, workload(service), operatorSecrets));
    for (const [peer, target] of Object.entries(targets)) {
      const peerWorkload = workload(peer);
      const peerContainer = mainContainer(peerWorkload);
      const peerPort =
        peer === "nats"
          ? containerPort(peerContainer, "client")
          : serviceConfigLoaders[peer as SwitchyardService](podEnvironment(objects, peerWorkload, operatorSecrets)).env.PORT;
      const parts = peer === "nats" ? target.split(",").map((url) => ({ kind: "url" as const, url })) : parsePeerTarget(target);
      for (const part of parts) {
        const { host, port } = part.kind === "dns" ? part : { host: new URL(part.url).hostname, port: Number(new URL(part.url).port) };
        const serviceObject = servicesFor(objects, peerWorkload).find((each) => each.metadata.name === host);
        expect(serviceObject, `${service} -> ${peer}: no Service "${host}" selects ${peer}`).toBeDefined();
        expect(
          serviceObject?.spec?.ports?.some((each) => each.port === port && targetPortOf(each, peerContainer) === peerPort),
          `${service} -> ${host}:${port}`,
        ).toBe(true);
        if (part.kind === "dns") expect(serviceObject?.spec?.clusterIP, `${service} -> ${host}: dns:/// needs a headless Service`).toBe("None");
      }
    }
  });

  it.each(switchyardServices)("%s names no address that is not a Service of the rendering (no loopback defaults left)", (service) => {
    const parsed = serviceConfigLoaders[service](podEnvironment(objects, workload(service), operatorSecrets));
    const services = ofKind<IService>(objects, "Service");
    for (const [variable, addresses] of Object.entries(calledAddresses(parsed))) {
      for (const { host, port } of addresses) {
        const known = host.includes(".")
          ? !/^127\.|^localhost$/.test(host)
          : services.some((each) => each.metadata.name === host && each.spec?.ports?.some((entry) => entry.port === port));
        expect(known, `${service} ${variable}: ${host}:${port}`).toBe(true);
      }
    }
  });

  it("creates the COSTS stream with as many replicas as there are NATS servers", () => {
    const servers = workload("nats").replicas;
    for (const service of ["executor", "ledger"] as const) {
      expect(costStreamReplicas(service, podEnvironment(objects, workload(service), operatorSecrets)), service).toBe(servers);
    }
  });

  it("sends provider traffic only to Services that exist or to hosts outside the cluster", () => {
    const services = ofKind<IService>(objects, "Service");
    for (const baseUrl of providerBaseUrls(podEnvironment(objects, workload("executor"), operatorSecrets))) {
      const url = new URL(baseUrl);
      if (url.hostname.includes(".")) continue;
      const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
      expect(
        services.some((each) => each.metadata.name === url.hostname && each.spec?.ports?.some((entry) => entry.port === port)),
        baseUrl,
      ).toBe(true);
    }
  });
});

describe("overlays/prod: secrets", () => {
  const objects = renderOverlay("prod");
  const router = workloadsOf(objects).find((each) => each.name === "router")!;

  it("refuses to start with the template's empty values, naming what is missing", () => {
    expect(() => serviceConfigLoaders.router(podEnvironment(objects, router, template))).toThrow(/MESH_TOKEN: the mesh token needs at least 16 characters/);
    const tenantKeys = { ...operatorSecrets.get("switchyard-tenant-keys")! };
    const withMeshToken = new Map([
      ...template,
      ["switchyard-tenant-keys", { ...template.get("switchyard-tenant-keys")!, MESH_TOKEN: tenantKeys["MESH_TOKEN"]! }],
    ]);
    expect(() => serviceConfigLoaders.router(podEnvironment(objects, router, withMeshToken))).toThrow(
      /tenants\.team-a\.apiKeys\.0\.sha256: a lower-case hex SHA-256/,
    );
    const executor = workloadsOf(objects).find((each) => each.name === "executor")!;
    const withHashes = new Map([...template, ["switchyard-tenant-keys", tenantKeys]]);
    expect(() => serviceConfigLoaders.executor(podEnvironment(objects, executor, withHashes))).toThrow(
      /provider "openai" needs environment variable OPENAI_API_KEY/,
    );
  });

  it("gives the router and the ledger the same mesh token, so the ledger believes the router's tenant headers", () => {
    const ledger = workloadsOf(objects).find((each) => each.name === "ledger")!;
    const sent = meshToken("router", podEnvironment(objects, router, operatorSecrets));
    const checked = meshToken("ledger", podEnvironment(objects, ledger, operatorSecrets));
    expect(sent).toEqual(expect.any(String));
    expect(checked).toBe(sent);
  });

  it("hands provider keys to the executor alone", () => {
    const readers = workloadsOf(objects).filter((workload) =>
      mainContainer(workload).envFrom?.some((source) => source.secretRef?.name === "switchyard-provider-keys"),
    );
    expect(readers.map((workload) => workload.name)).toEqual(["executor"]);
  });
});

describe("overlays/dev: the provider simulator", () => {
  it("accepts its environment (its own loadConfig) and serves where its Service points", () => {
    const objects = renderOverlay("dev");
    const sim = workloadsOf(objects).find((each) => each.name === "provider-sim")!;
    const parsed = loadSimConfig(containerEnvironment(objects, sim, mainContainer(sim), new Map()));
    expect(parsed.SIM_HOST).toBe("0.0.0.0");
    expect(containerPort(mainContainer(sim), "http")).toBe(parsed.SIM_PORT);
    expect(servicesFor(objects, sim)[0]?.spec?.ports?.[0]).toMatchObject({ port: parsed.SIM_PORT });
  });
});

/** The container port a Service port forwards to (by number or by the container port's name). */
function targetPortOf(port: NonNullable<NonNullable<IService["spec"]>["ports"]>[number], container: IContainer): number | undefined {
  if (port.targetPort === undefined) return port.port;
  return typeof port.targetPort === "number" ? port.targetPort : containerPort(container, port.targetPort);
}
