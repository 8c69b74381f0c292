import { join } from "node:path";
import { inheritedEnvironment } from "./config.js";
import type { ManagedProcess } from "./managed-process.js";
import { startProcess } from "./managed-process.js";
import type { ServiceName } from "./stack-layout.js";
import { waitServing } from "./wait-serving.js";

/** One service process to start: which service, as which instance, where, with what peers. */
export interface ServiceLaunch {
  readonly rootDir: string;
  readonly service: ServiceName;
  /** Process and log name ("router", or "router-2" in a cluster). */
  readonly instance: string;
  readonly logDir: string;
  readonly port: number;
  readonly metricsPort: number;
  /** The router's HTTP door; absent: a free port (replicas on one machine never collide). */
  readonly httpPort?: number;
  /** Everything else the service reads: NATS_URL, peer URLs, SWITCHYARD_CONFIG, ... */
  readonly env: Readonly<Record<string, string>>;
  /** Node flags before the entry point (`--cpu-prof`, ...). */
  readonly nodeArgs?: readonly string[];
}

/**
 * Starts a service's built main.js on 127.0.0.1 and waits until its health check says SERVING;
 * a process that does not get there is killed, so a failed start leaves nothing behind.
 */
export async function startServiceProcess(launch: ServiceLaunch): Promise<ManagedProcess> {
  const child = startProcess({
    name: launch.instance,
    command: process.execPath,
    args: [...(launch.nodeArgs ?? []), join(launch.rootDir, `services/${launch.service}/dist/main.js`)],
    env: {
      ...inheritedEnvironment(),
      HOST: "127.0.0.1",
      PORT: String(launch.port),
      METRICS_PORT: String(launch.metricsPort),
      HTTP_PORT: String(launch.httpPort ?? 0),
      READINESS_INTERVAL_MS: "500",
      ...launch.env,
    },
    logFile: join(launch.logDir, `${launch.instance}.log`),
  });
  try {
    await waitServing(`http://127.0.0.1:${launch.port}`, child);
  } catch (error) {
    await child.stop("SIGKILL");
    throw error;
  }
  return child;
}
