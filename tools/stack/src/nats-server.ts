import { mkdirSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { natsServerBinary } from "./config.js";
import type { ManagedProcess } from "./managed-process.js";
import { startProcess } from "./managed-process.js";

/** One nats-server with JetStream (file storage), optionally a member of a cluster. */
export interface NatsServerOptions {
  /** Server name; JetStream clustering needs every member named. */
  readonly name: string;
  readonly port: number;
  readonly monitorPort: number;
  readonly dataDir: string;
  readonly logFile: string;
  readonly cluster?: { readonly name: string; readonly port: number; readonly routes: readonly string[] };
}

/** A running nats-server. */
export interface RunningNats {
  readonly url: string;
  readonly options: NatsServerOptions;
  readonly process: ManagedProcess;
  /** Graceful stop (SIGTERM, which makes nats-server shut down cleanly). */
  stop(): Promise<void>;
  /** kill -9. */
  kill(): Promise<void>;
}

/** Starts nats-server and waits until JetStream answers its health endpoint. */
export async function startNatsServer(options: NatsServerOptions): Promise<RunningNats> {
  mkdirSync(options.dataDir, { recursive: true });
  const args = ["-js", "-sd", options.dataDir, "-p", String(options.port), "-a", "127.0.0.1", "-m", String(options.monitorPort), "-n", options.name];
  if (options.cluster) {
    args.push("--cluster_name", options.cluster.name, "--cluster", `nats://127.0.0.1:${options.cluster.port}`);
    if (options.cluster.routes.length > 0) args.push("--routes", options.cluster.routes.join(","));
  }
  const process = startProcess({ name: options.name, command: natsServerBinary(), args, env: {}, logFile: options.logFile });
  await waitForHealth(options.monitorPort, process);
  return {
    url: `nats://127.0.0.1:${options.port}`,
    options,
    process,
    stop: async () => void (await process.stop("SIGTERM")),
    kill: async () => void (await process.stop("SIGKILL")),
  };
}

async function waitForHealth(monitorPort: number, process: ManagedProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!process.isRunning()) throw new Error(`nats-server ${process.name} exited during start-up; see its log`);
    try {
      const response = await fetch(`http://127.0.0.1:${monitorPort}/healthz?js-enabled-only=true`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  throw new Error(`nats-server ${process.name} not healthy after ${timeoutMs} ms`);
}
