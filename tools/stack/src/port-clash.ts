import { readFileSync } from "node:fs";
import { freePort } from "./free-port.js";
import type { ServiceName, StackPorts } from "./stack-layout.js";

/**
 * True when a process's log says its listener's port was taken. A free port is only free when it
 * is probed: another stack, or an outgoing connection given that ephemeral port, can take it
 * before the service binds it (CI saw `listen EADDRINUSE` once in about twenty runs).
 */
export function portWasTaken(logFile: string): boolean {
  try {
    return readFileSync(logFile, "utf8").includes("EADDRINUSE");
  } catch {
    return false;
  }
}

/** `ports` with fresh gRPC and metrics ports (and the HTTP door's, for the router) for `name`. */
export async function withFreshPorts(ports: StackPorts, name: ServiceName): Promise<StackPorts> {
  return {
    ...ports,
    services: { ...ports.services, [name]: await freePort() },
    metrics: { ...ports.metrics, [name]: await freePort() },
    ...(name === "router" ? { http: await freePort() } : {}),
  };
}
