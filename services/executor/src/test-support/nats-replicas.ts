import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectNats, createLogger } from "@switchyard/runtime";
import type { NatsLink } from "@switchyard/runtime";
import { freePort, startNatsServer } from "@switchyard/stack";
import type { RunningNats } from "@switchyard/stack";
import type { ClosableCoordination } from "../coordination/create-coordination.js";
import { createNatsCoordination } from "../coordination/create-coordination.js";

/** A nats-server of its own in a fresh directory (JetStream on). */
export async function startTestNats(name: string): Promise<{ nats: RunningNats; directory: string }> {
  const directory = mkdtempSync(join(tmpdir(), `switchyard-${name}-`));
  const nats = await startNatsServer({
    name,
    port: await freePort(),
    monitorPort: await freePort(),
    dataDir: join(directory, "js"),
    logFile: join(directory, "nats.log"),
  });
  return { nats, directory };
}

/** One replica's own NATS connection and coordination, as main.ts builds them. */
export async function connectReplica(
  url: string,
  instance: string,
  models: readonly string[],
  concurrencyLeaseTtlMs?: number,
): Promise<{ link: NatsLink; coordination: ClosableCoordination }> {
  const logger = createLogger({ service: `executor-${instance}`, level: "silent" });
  const link = await connectNats({ servers: url, name: instance, logger });
  const coordination = await createNatsCoordination(link.connection, {
    instance,
    models,
    logger,
    timeoutMs: 2_000,
    replicas: 1,
    ...(concurrencyLeaseTtlMs !== undefined ? { concurrencyLeaseTtlMs } : {}),
    isConnected: () => link.isConnected(),
  });
  return { link, coordination };
}
