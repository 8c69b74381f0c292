import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { kubectlBinary } from "./config.js";

/** The repository root and its deploy/ folder. */
export const repositoryRoot = join(import.meta.dirname, "../../..");
export const deployDir = join(repositoryRoot, "deploy");

/** A rendered Kubernetes object, as plain data. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

/** Renders deploy/overlays/<overlay> with `kubectl kustomize`, as an operator's apply would. */
export function renderOverlay(overlay: string): K8sObject[] {
  const result = spawnSync(kubectlBinary(), ["kustomize", join(deployDir, "overlays", overlay)], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`kubectl kustomize overlays/${overlay} failed: ${result.stderr || result.error?.message}`);
  return parseObjects(result.stdout, `overlays/${overlay}`);
}

/** Parses a multi-document YAML stream into objects, failing on any YAML error. */
export function parseObjects(text: string, origin: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((document): K8sObject[] => {
    if (document.errors.length > 0) throw new Error(`${origin}: ${document.errors.map((error) => error.message).join("; ")}`);
    const value: unknown = document.toJS();
    return value === null ? [] : [value as K8sObject];
  });
}

/** "Kind/name", the way messages name an object. */
export function describeObject(object: K8sObject): string {
  return `${object.kind}/${object.metadata.name}`;
}
