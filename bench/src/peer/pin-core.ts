import { spawnSync } from "node:child_process";
import { cpus } from "node:os";

/** The core gateways are pinned to unless told otherwise: the last one (the load generator gets core 0). */
export function defaultGatewayCore(): number {
  return Math.max(0, cpus().length - 1);
}

/** Pins every thread of `pid` to `core` with taskset; says why when it cannot. */
export function pinToCore(pid: number, core: number): string | undefined {
  const result = spawnSync("taskset", ["-a", "-cp", String(core), String(pid)], { encoding: "utf8" });
  if (result.error) return `taskset unavailable (${result.error.message}): processes are not pinned`;
  return result.status === 0 ? undefined : `taskset failed for ${pid}: ${result.stderr.trim()}`;
}
