import { existsSync } from "node:fs";
import { join } from "node:path";

/** kubectl with its built-in kustomize: $KUBECTL, then PATH, then /usr/bin. */
export function kubectlBinary(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const candidates = [
    env["KUBECTL"],
    ...(env["PATH"] ?? "")
      .split(":")
      .filter(Boolean)
      .map((dir) => join(dir, "kubectl")),
    "/usr/bin/kubectl",
  ];
  const found = candidates.find((candidate): candidate is string => candidate !== undefined && existsSync(candidate));
  if (!found) throw new Error("kubectl (with its built-in kustomize v5) is needed to render deploy/: install it or set KUBECTL");
  return found;
}
