import { setTimeout as sleep } from "node:timers/promises";
import { connect } from "@nats-io/transport-node";
import type { NatsConnection } from "@nats-io/transport-node";
import { jetstreamManager } from "@nats-io/jetstream";
import type { JetStreamManager, StreamConfig } from "@nats-io/jetstream";
import { JetStreamApiError, RetentionPolicy, StorageType } from "@nats-io/jetstream";
import type { Logger } from "pino";
import { costStreamName, costSubjects } from "./subjects.js";

/** A NATS connection with the liveness readiness checks need. */
export interface NatsLink {
  readonly connection: NatsConnection;
  /** True while connected to a server (false while reconnecting). */
  isConnected(): boolean;
  /** Drains subscriptions and pending publishes, then closes. */
  drain(): Promise<void>;
}

/** Options for connectNats. */
export interface NatsLinkOptions {
  readonly servers: string | string[];
  /** Client name shown in NATS monitoring (the service name). */
  readonly name: string;
  readonly logger: Logger;
}

/**
 * Connects to NATS and keeps reconnecting forever: services ride out a NATS restart, and
 * readiness reports the outage while it lasts.
 */
export async function connectNats(options: NatsLinkOptions): Promise<NatsLink> {
  const connection = await connect({
    servers: options.servers,
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
  });
  let connected = true;
  void (async () => {
    for await (const status of connection.status()) {
      if (status.type === "disconnect") connected = false;
      if (status.type === "reconnect") connected = true;
      if (status.type === "disconnect" || status.type === "reconnect") {
        options.logger.warn({ nats: status.type, server: status.server }, "nats connection changed");
      }
    }
  })();
  return {
    connection,
    isConnected: () => connected && !connection.isClosed(),
    drain: async () => {
      if (!connection.isClosed()) await connection.drain();
    },
  };
}

/** JetStream API error "stream name already in use with a different configuration". */
const streamNameInUseCode = 10058;

/** Options for the COSTS stream; replicas is 3 on a NATS cluster, 1 on a single server. */
export interface CostStreamOptions {
  readonly replicas: number;
  /** JetStream dedupe window for Nats-Msg-Id; retries of one event must fall inside it. */
  readonly duplicateWindowMs: number;
}

/**
 * Creates the COSTS stream, or updates it to the given settings. File storage, limits
 * retention: the stream is the ledger's source of truth and can rebuild its state.
 */
export async function ensureCostStream(connection: NatsConnection, options: CostStreamOptions): Promise<JetStreamManager> {
  const manager = await jetstreamManager(connection);
  const config: Partial<StreamConfig> & { name: string } = {
    name: costStreamName,
    subjects: [costSubjects],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: options.replicas,
    duplicate_window: options.duplicateWindowMs * 1_000_000,
  };
  await addOrUpdateStream(manager, config);
  return manager;
}

/** JetStream API error "stream not found": what the loser of two concurrent creations can get. */
const streamNotFoundCode = 10059;
/** Errors of a JetStream cluster that is electing a leader or settling a concurrent change. */
const transientErrorNames = new Set(["TimeoutError", "NoRespondersError", "JetStreamNotEnabled"]);

function isTransientStreamError(error: unknown): boolean {
  if (error instanceof JetStreamApiError) return error.code === streamNotFoundCode;
  return error instanceof Error && transientErrorNames.has(error.name);
}

/**
 * Creates a stream, or updates it when another process created it first (possibly with older
 * settings). Replicas start together, so on a cluster two of them race to create the same
 * replicated stream; the loser, or a call during a leader election, gets a transient error and
 * tries again (up to about 15 s) instead of failing start-up.
 */
export async function addOrUpdateStream(manager: JetStreamManager, config: Partial<StreamConfig> & { name: string }, attempts = 8): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await manager.streams.add(config);
      return;
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === streamNameInUseCode) {
        await manager.streams.update(config.name, config);
        return;
      }
      if (attempt >= attempts || !isTransientStreamError(error)) throw error;
      await sleep(Math.min(4_000, 125 * 2 ** attempt));
    }
  }
}
