import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SecretValues } from "./pod-environment.js";
import { deployDir, parseObjects } from "./render.js";

/** The committed Secret template (not part of any kustomization). */
export const secretsTemplatePath = join(deployDir, "secrets/switchyard-secrets.template.yaml");

/** The template's Secrets as written: name → stringData. */
export function readSecretsTemplate(): Map<string, Record<string, string>> {
  const objects = parseObjects(readFileSync(secretsTemplatePath, "utf8"), "secrets template");
  return new Map(
    objects.map((object) => {
      if (object.kind !== "Secret") throw new Error(`the secrets template holds a ${object.kind}`);
      return [object.metadata.name, (object["stringData"] ?? {}) as Record<string, string>];
    }),
  );
}

/**
 * What an operator would put in the template: a random SHA-256 (hex) for tenant key hashes,
 * a random token for provider keys. Never real values.
 */
export function filledSecrets(template: ReadonlyMap<string, Readonly<Record<string, string>>>): SecretValues {
  return new Map(
    [...template].map(([name, data]) => [
      name,
      Object.fromEntries(
        Object.keys(data).map((key) => [key, key.endsWith("_SHA256") ? randomBytes(32).toString("hex") : `test-${randomBytes(8).toString("hex")}`]),
      ),
    ]),
  );
}
