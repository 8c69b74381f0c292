import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { jetstream } from "@nats-io/jetstream";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { connectNats, costSubject, createLogger, createServiceMetrics, ensureCostStream } from "@switchyard/runtime";
import type { NatsLink, RunningService } from "@switchyard/runtime";
import { freePort, startNatsServer } from "@switchyard/stack";
import type { RunningNats } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CostConsumer } from "./cost-consumer.js";
import { startCostConsumer } from "./cost-consumer.js";
import { build } from "./server.js";
import { SpendBook } from "./spend-book.js";

const logger = createLogger({ service: "ledger-test", level: "silent" });
let nats: RunningNats;
let link: NatsLink;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "ledger-test-"));
  nats = await startNatsServer({ name: "ledger-test", port: await freePort(), monitorPort: await freePort(), dataDir: join(dir, "js"), logFile: join(dir, "nats.log") });
  link = await connectNats({ servers: nats.url, name: "ledger-test", logger });
  await ensureCostStream(link.connection, { replicas: 1, duplicateWindowMs: 60_000 });
}, 30_000);
afterAll(async () => {
  await link?.drain();
  await nats?.stop();
});

async function publish(eventId: string, tenant: string, cost: bigint): Promise<void> {
  const event = create(CostEventSchema, { eventId, tenant, model: "sim-small", requestId: `r-${eventId}`, costNanoUsd: cost, billed: true });
  await jetstream(link.connection).publish(costSubject(tenant), toBinary(CostEventSchema, event), { msgID: eventId });
}

async function startLedger(book: SpendBook): Promise<{ service: RunningService; consumer: CostConsumer }> {
  const consumer = await startCostConsumer(link.connection, (event) => book.apply(event), logger);
  const service = await build({
    book, devTenant: undefined, logger, metrics: createServiceMetrics("ledger-test"),
    readinessChecks: [], readinessIntervalMs: 60_000, shutdownGraceMs: 1_000,
  }).start({ host: "127.0.0.1", port: 0, metricsPort: -1 });
  return { service, consumer };
}

describe("ledger Report over the COSTS stream", () => {
  it("counts each event once despite duplicate publishes, and rebuilds the same totals after a restart", async () => {
    await publish("e1", "acme", 1_000n);
    await publish("e1", "acme", 1_000n);
    await publish("e2", "acme", 2_500n);
    await publish("e3", "other", 7n);
    const first = await startLedger(new SpendBook());
    const client = createClient(LedgerService, createGrpcTransport({ baseUrl: first.service.url }));
    const asAcme = { headers: { "x-switchyard-tenant": "acme" } };
    await expect.poll(async () => (await client.report({}, asAcme)).total?.costNanoUsd).toBe(3_500n);
    expect((await client.report({}, asAcme)).total?.requests).toBe(2n);
    await first.consumer.stop();
    await first.service.stop();

    const second = await startLedger(new SpendBook());
    const again = createClient(LedgerService, createGrpcTransport({ baseUrl: second.service.url }));
    await expect.poll(async () => (await again.report({}, asAcme)).total?.costNanoUsd).toBe(3_500n);
    const denied = await again.report({ tenant: "other" }, asAcme).catch((error: unknown) => ConnectError.from(error));
    expect(denied).toMatchObject({ code: Code.PermissionDenied });
    await second.consumer.stop();
    await second.service.stop();
  });
});
