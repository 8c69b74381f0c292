import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { create, toBinary } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { jetstream } from "@nats-io/jetstream";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { connectNats, costSubject, createLogger, createServiceMetrics, hashApiKey } from "@switchyard/runtime";
import type { BudgetConfig, ModelConfig, NatsLink, RunningService, TenantConfig } from "@switchyard/runtime";
import { freeClusterPorts, freePort, startNatsCluster, startNatsServer } from "@switchyard/stack";
import type { RunningNats, RunningNatsCluster } from "@switchyard/stack";
import { startLedgerNode } from "../ledger-node.js";
import type { LedgerNode, LedgerWebhookOptions } from "../ledger-node.js";
import { build } from "../server.js";

/** API keys of the test tenants (their hashes are in `tenants`). */
export const keys = { acme: "sk-acme-1", acmeSecond: "sk-acme-2", globex: "sk-globex", hooli: "sk-hooli", admin: "sk-admin" } as const;

export const tenants: Record<string, TenantConfig> = {
  acme: {
    apiKeys: [
      { id: "key-1", sha256: hashApiKey(keys.acme) },
      { id: "key-2", sha256: hashApiKey(keys.acmeSecond) },
    ],
    admin: false,
  },
  globex: { apiKeys: [{ id: "g1", sha256: hashApiKey(keys.globex) }], admin: false },
  hooli: { apiKeys: [{ id: "h1", sha256: hashApiKey(keys.hooli) }], admin: false },
  ops: { apiKeys: [{ id: "root", sha256: hashApiKey(keys.admin) }], admin: true },
};

export const models: Record<string, ModelConfig> = {
  small: {
    provider: "sim",
    contextWindow: 8_192,
    priority: 0,
    weight: 1,
    limits: {},
    defaults: {},
    price: { inputPerMillion: 100_000_000n, outputPerMillion: 400_000_000n },
  },
  large: {
    provider: "sim",
    contextWindow: 8_192,
    priority: 0,
    weight: 1,
    limits: {},
    defaults: {},
    price: { inputPerMillion: 3_000_000_000n, outputPerMillion: 15_000_000_000n },
  },
  unpriced: { provider: "sim", contextWindow: 8_192, priority: 0, weight: 1, limits: {}, defaults: {} },
};

/** The provider the harness models run on (prices come from their config). */
const simProviders = { sim: { name: "sim", kind: "openai" as const, baseUrl: "http://127.0.0.1:1/v1", headers: {}, simulated: true, apiKey: undefined } };

/** Call options that authenticate with an API key. */
export const withKey = (key: string): { headers: Record<string, string> } => ({ headers: { authorization: `Bearer ${key}` } });

const silent = createLogger({ service: "ledger-test", level: "silent" });

/** A nats-server for one test file, in a fresh directory. */
export async function startTestNats(): Promise<RunningNats> {
  const dir = mkdtempSync(join(tmpdir(), "ledger-test-"));
  return startNatsServer({
    name: "ledger-test",
    port: await freePort(),
    monitorPort: await freePort(),
    dataDir: join(dir, "js"),
    logFile: join(dir, "nats.log"),
  });
}

/** A three-node NATS cluster on loopback (R3 streams), in a fresh directory. */
export async function startTestNatsCluster(): Promise<RunningNatsCluster> {
  const dir = mkdtempSync(join(tmpdir(), "ledger-cluster-test-"));
  return startNatsCluster({ name: "ledger-test", nodes: (await freeClusterPorts()).nats, workDir: dir, logDir: dir });
}

/** A clock that runs in real time from wherever a test sets it, and jumps when told to. */
export class TestClock {
  #offset: number;

  constructor(start = Date.now()) {
    this.#offset = start - Date.now();
  }

  get now(): number {
    return Date.now() + this.#offset;
  }

  set now(instant: number) {
    this.#offset = instant - Date.now();
  }

  readonly read = (): number => this.now;
}

/** One in-process ledger replica with its own NATS connection and gRPC port. */
export interface Replica {
  readonly node: LedgerNode;
  readonly service: RunningService;
  readonly link: NatsLink;
  client(): Client<typeof LedgerService>;
  stop(): Promise<void>;
}

/** Options of a test replica. */
export interface ReplicaOptions {
  readonly budgets?: BudgetConfig[];
  readonly clock?: TestClock;
  readonly meshToken?: string;
  readonly devTenant?: string;
  readonly baselineModel?: string;
  readonly timeZone?: string;
  /** Replicas of the ledger's streams and bucket (3 on a NATS cluster). */
  readonly replicas?: number;
  /** Alert webhooks (default: none configured, the production policy). */
  readonly webhooks?: LedgerWebhookOptions;
}

/** Starts a replica against `natsUrl`, as main.ts wires it. */
export async function startReplica(natsUrl: string, options: ReplicaOptions = {}): Promise<Replica> {
  const link = await connectNats({ servers: natsUrl, name: "ledger-test", logger: silent });
  const node = await startLedgerNode({
    connection: link.connection,
    logger: silent,
    replicas: options.replicas ?? 1,
    meshToken: options.meshToken,
    config: {
      tenants,
      devTenant: options.devTenant,
      budgets: options.budgets ?? [],
      models,
      providers: simProviders,
      baselineModel: options.baselineModel,
      ledger: { timeZone: options.timeZone ?? "UTC" },
    },
    reservationTtl: { defaultSeconds: 60, maxSeconds: 600, leaseDefaultSeconds: 30 },
    ...(options.clock ? { now: options.clock.read } : {}),
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  const service = await build({
    ...node.deps,
    logger: silent,
    metrics: createServiceMetrics("ledger-test"),
    readinessChecks: [],
    readinessIntervalMs: 60_000,
    shutdownGraceMs: 1_000,
  }).start({ host: "127.0.0.1", port: 0, metricsPort: -1 });
  const transport = createGrpcTransport({ baseUrl: service.url });
  return {
    node,
    service,
    link,
    client: () => createClient(LedgerService, transport),
    async stop() {
      await service.stop();
      await node.stop();
      await link.drain();
    },
  };
}

/** A billed, successful cost event of tenant acme unless fields say otherwise. */
export function costEvent(eventId: string, costNanoUsd: bigint, fields: Omit<MessageInitShape<typeof CostEventSchema>, "$typeName"> = {}): CostEvent {
  return create(CostEventSchema, {
    eventId,
    requestId: `req-${eventId}`,
    tenant: "acme",
    model: "small",
    provider: "sim",
    costNanoUsd,
    billed: true,
    outcome: AttemptOutcome.SUCCEEDED,
    usage: { inputTokens: 100n, outputTokens: 50n, totalTokens: 150n },
    occurredAt: timestampFromMs(Date.now()),
    ...fields,
  });
}

/** Publishes as the executor does: Nats-Msg-Id = event id unless `msgId` overrides it. */
export async function publishEvent(link: NatsLink, event: CostEvent, msgId = event.eventId): Promise<void> {
  await jetstream(link.connection).publish(costSubject(event.tenant), toBinary(CostEventSchema, event), { msgID: msgId });
}
