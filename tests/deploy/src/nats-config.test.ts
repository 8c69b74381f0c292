import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { natsServerBinary } from "@switchyard/stack";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IService } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { renderOverlay } from "./render.js";
import { mainContainer, named, workloadsOf } from "./workloads.js";

describe.each(["dev", "prod"] as const)("overlays/%s: NATS", (overlay) => {
  const objects = renderOverlay(overlay);
  const nats = workloadsOf(objects).find((workload) => workload.name === "nats")!;
  const volume = nats.pod.volumes?.find((each) => each.name === "config");
  const configMap = named<IConfigMap>(objects, "ConfigMap", volume?.configMap?.name ?? "");
  const config = configMap.data?.["nats.conf"] ?? "";

  it("has a configuration that nats-server itself accepts", () => {
    const file = join(mkdtempSync(join(tmpdir(), "switchyard-nats-conf-")), "nats.conf");
    writeFileSync(file, config);
    const checked = spawnSync(natsServerBinary(), ["-t", "-c", file], { encoding: "utf8", env: { POD_NAME: "nats-0" } });
    expect(`${checked.stdout}${checked.stderr}`).toMatch(/is valid/);
    expect(checked.status).toBe(0);
  });

  it("keeps JetStream on the persistent volume and runs with the pod's name as server name", () => {
    const container = mainContainer(nats);
    const dataMount = container.volumeMounts?.find((mount) => mount.name === "data")?.mountPath;
    expect(dataMount).toBeDefined();
    expect(config).toMatch(new RegExp(`store_dir:\\s*${dataMount}/`));
    expect(config).toMatch(/server_name:\s*\$POD_NAME/);
    expect(container.env?.find((variable) => variable.name === "POD_NAME")?.valueFrom?.fieldRef?.fieldPath).toBe("metadata.name");
    const claims = (nats.object as { spec?: { volumeClaimTemplates?: { metadata?: { name?: string } }[] } }).spec?.volumeClaimTemplates;
    expect(claims?.map((claim) => claim.metadata?.name)).toEqual(["data"]);
  });

  it(overlay === "prod" ? "routes to every other server through the headless Service" : "runs one server without a cluster", () => {
    const routes = [...config.matchAll(/nats:\/\/([\w-]+)\.([\w-]+):(\d+)/g)].map((match) => ({ pod: match[1], service: match[2], port: Number(match[3]) }));
    if (overlay === "dev") {
      expect(config).not.toMatch(/cluster\s*\{/);
      expect(nats.replicas).toBe(1);
      return;
    }
    const serviceName = (nats.object as { spec?: { serviceName?: string } }).spec?.serviceName ?? "";
    const headless = named<IService>(objects, "Service", serviceName);
    expect(headless.spec).toMatchObject({ clusterIP: "None", publishNotReadyAddresses: true });
    const clusterPort = headless.spec?.ports?.find((port) => port.name === "cluster")?.port;
    expect(routes).toEqual(Array.from({ length: nats.replicas ?? 0 }, (_, index) => ({ pod: `nats-${index}`, service: serviceName, port: clusterPort })));
  });
});
