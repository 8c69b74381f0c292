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
  try {
    await manager.streams.add(config);
  } catch (error) {
    // Another replica created it first, possibly with older settings: bring it up to date.
    if (!(error instanceof JetStreamApiError && error.code === streamNameInUseCode)) throw error;
    await manager.streams.update(costStreamName, config);
  }
  return manager;
}
