import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { K8sObject } from "./render.js";
import type { Workload } from "./workloads.js";
import { named } from "./workloads.js";

/** Secret contents by Secret name, as the cluster would hold them. */
export type SecretValues = ReadonlyMap<string, Readonly<Record<string, string>>>;

/** Values for the fields a pod learns from the downward API. */
function fieldValue(workload: Workload, fieldPath: string, namespace: string): string {
  const values: Record<string, string> = { "metadata.name": `${workload.name}-0`, "metadata.namespace": namespace, "status.podIP": "10.0.0.10" };
  const value = values[fieldPath];
  if (value === undefined) throw new Error(`${workload.name}: field ${fieldPath} is not simulated by this test`);
  return value;
}

/**
 * The environment a container would see: envFrom first, then env (which wins), with
 * ConfigMaps from the rendering, Secrets from `secrets` and downward-API fields simulated.
 * A required reference to something missing throws, as the kubelet would refuse the pod.
 */
export function containerEnvironment(objects: readonly K8sObject[], workload: Workload, container: IContainer, secrets: SecretValues): Record<string, string> {
  const namespace = workload.object.metadata.namespace ?? "default";
  const env: Record<string, string> = {};
  const secret = (name: string, optional: boolean | undefined): Readonly<Record<string, string>> => {
    const found = secrets.get(name);
    if (!found && !optional) throw new Error(`${workload.name}: needs Secret ${name}`);
    return found ?? {};
  };
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, named<IConfigMap>(objects, "ConfigMap", source.configMapRef.name ?? "").data);
    if (source.secretRef) Object.assign(env, secret(source.secretRef.name ?? "", source.secretRef.optional));
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (from?.fieldRef) env[variable.name] = fieldValue(workload, from.fieldRef.fieldPath, namespace);
    else if (from?.configMapKeyRef)
      env[variable.name] = named<IConfigMap>(objects, "ConfigMap", from.configMapKeyRef.name ?? "").data?.[from.configMapKeyRef.key] ?? "";
    else if (from?.secretKeyRef) env[variable.name] = secret(from.secretKeyRef.name ?? "", from.secretKeyRef.optional)[from.secretKeyRef.key] ?? "";
  }
  return env;
}

/**
 * Writes the file a container would find at `path` (from a ConfigMap volume) to a temporary
 * directory and returns where: the services' own loaders then read exactly what the pod would.
 */
export function materialiseMountedFile(objects: readonly K8sObject[], workload: Workload, container: IContainer, path: string): string {
  const mount = container.volumeMounts?.find((each) => path.startsWith(`${each.mountPath}/`));
  if (!mount) throw new Error(`${workload.name}: nothing is mounted at ${path}`);
  const volume = workload.pod.volumes?.find((each) => each.name === mount.name);
  const configMapName = volume?.configMap?.name;
  if (!configMapName) throw new Error(`${workload.name}: ${path} is not on a ConfigMap volume`);
  const key = relative(mount.mountPath, path);
  const content = named<IConfigMap>(objects, "ConfigMap", configMapName).data?.[key];
  if (content === undefined) throw new Error(`${workload.name}: ConfigMap ${configMapName} has no key ${key} for ${path}`);
  const file = join(mkdtempSync(join(tmpdir(), "switchyard-deploy-")), key);
  writeFileSync(file, content);
  return file;
}
