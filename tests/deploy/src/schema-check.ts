import type { K8sObject } from "./render.js";

/** What a kubernetes-models class offers that the checks use. */
interface ModelClass {
  new (data: object): { validate(): void };
  readonly prototype: { validate(this: object): void };
}

/** The API groups deploy/ uses; anything else is a new kind of object that needs a look. */
const apiGroups: Readonly<Record<string, () => Promise<object>>> = {
  v1: () => import("kubernetes-models/v1"),
  "apps/v1": () => import("kubernetes-models/apps/v1"),
  "policy/v1": () => import("kubernetes-models/policy/v1"),
  "autoscaling/v2": () => import("kubernetes-models/autoscaling/v2"),
  "networking.k8s.io/v1": () => import("kubernetes-models/networking.k8s.io/v1"),
};

async function modelClass(object: K8sObject): Promise<ModelClass> {
  const load = apiGroups[object.apiVersion];
  if (!load) throw new Error(`${object.kind}: apiVersion ${object.apiVersion} is not one deploy/ is checked for`);
  const found = ((await load()) as Record<string, unknown>)[object.kind];
  if (typeof found !== "function") throw new Error(`no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
  return found as ModelClass;
}

/**
 * Validates an object against its Kubernetes schema (kubernetes-models): required fields,
 * types, formats. Returns the problems, empty when valid.
 */
export async function schemaProblems(object: K8sObject): Promise<string[]> {
  const Model = await modelClass(object);
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

interface Reads {
  readonly names: Set<string>;
  /** The validator listed the object's keys: it is a map (labels, data, limits), any key goes. */
  enumerated: boolean;
}

/**
 * Fields the schema does not know (typos such as `replicass`), which kubernetes-models alone
 * lets through. The schema's validator is run over proxies that record which property names
 * it looks up on each object: a generated validator reads every property its schema declares,
 * and lists the keys of maps. Any other key is unknown. Objects it never looked into have no
 * schema of their own and are left alone.
 */
export async function unknownFields(object: K8sObject): Promise<string[]> {
  const Model = await modelClass(object);
  const reads = new Map<object, Reads>();
  const readsOf = (target: object): Reads => {
    let found = reads.get(target);
    if (!found) {
      found = { names: new Set(), enumerated: false };
      reads.set(target, found);
    }
    return found;
  };
  const track = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    return new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === "string") readsOf(target).names.add(key);
        return track(Reflect.get(target, key, receiver));
      },
      has(target, key) {
        if (typeof key === "string") readsOf(target).names.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        readsOf(target).enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
  };
  try {
    Model.prototype.validate.call(track(object) as object);
  } catch {
    // schemaProblems reports schema errors; here only the reads matter.
  }
  return collectUnknown(object, "", reads);
}

function collectUnknown(value: unknown, path: string, reads: ReadonlyMap<object, Reads>): string[] {
  if (value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => collectUnknown(item, `${path}[${index}]`, reads));
  const seen = reads.get(value);
  const checked = seen !== undefined && !seen.enumerated && seen.names.size > 0;
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = path ? `${path}.${key}` : key;
    if (checked && !seen.names.has(key)) return [childPath];
    return collectUnknown(child, childPath, reads);
  });
}
