import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromBinary } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { startSimServer } from "@switchyard/provider-sim";
import type { RunningSim } from "@switchyard/provider-sim";
import { connectNats, costStreamName, createLogger, ensureCostStream, errorReasonOf } from "@switchyard/runtime";
import type { NatsLink } from "@switchyard/runtime";
import { startNatsServer } from "@switchyard/stack";
import type { RunningNats } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJetStreamPublisher } from "./costs/cost-event-sink.js";
import type { CostEventPublisher } from "./costs/cost-event-sink.js";
import type { CostOutbox } from "./costs/cost-outbox.js";
import { openCostOutbox } from "./costs/cost-outbox.js";
import type { ExecutorHarness } from "./test-support/executor-harness.js";
import { startExecutorHarness } from "./test-support/executor-harness.js";
import { faultConfig, faultSimModels } from "./test-support/fault-fixture.js";
import { startTestNats } from "./test-support/nats-replicas.js";
import { failureOf } from "./test-support/stream-collector.js";

const logger = createLogger({ service: "cost-delivery-test", level: "silent" });
const configText = faultConfig({ billed: "" });
let nats: RunningNats;
let link: NatsLink;
let sim: RunningSim;

const jetStreamPublisher = (): CostEventPublisher => createJetStreamPublisher(jetstream(link.connection), () => link.isConnected(), 1_000);

/** One executor "process": its outbox over a journal directory, publishing through the shared NATS link. */
async function startReplica(
  directory: string,
  maxEvents = 1_000,
  publisher = jetStreamPublisher(),
): Promise<{ executor: ExecutorHarness; outbox: CostOutbox }> {
  const outbox = openCostOutbox({ directory, maxEvents, logger, retryMinMs: 20, retryMaxMs: 200, publisher });
  return { outbox, executor: await startExecutorHarness({ configText, simUrl: sim.url, costs: outbox }) };
}

/** Every event in the COSTS stream, in stream order. */
async function storedEventIds(): Promise<string[]> {
  const manager = await jetstreamManager(link.connection);
  const { state } = await manager.streams.info(costStreamName);
  const ids: string[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq += 1) {
    ids.push(fromBinary(CostEventSchema, (await manager.streams.getMessage(costStreamName, { seq }))!.data).eventId);
  }
  return ids;
}

const generate = async (executor: ExecutorHarness): Promise<string> => {
  const response = await executor.client.generate(
    { model: "billed", messages: [{ role: "user", content: "Say hi" }] },
    { headers: { "x-switchyard-tenant": "acme" } },
  );
  return response.attempts[0]!.attemptId;
};

/** Starts NATS again on the same port and data directory (JetStream state survives). */
async function bringNatsBack(): Promise<void> {
  nats = await startNatsServer(nats.options);
}

beforeAll(async () => {
  nats = (await startTestNats("executor-costs")).nats;
  link = await connectNats({ servers: nats.url, name: "executor-costs", logger });
  await ensureCostStream(link.connection, { replicas: 1, duplicateWindowMs: 600_000 });
  sim = await startSimServer({ models: faultSimModels(["billed"]) }, "127.0.0.1", 0);
}, 60_000);
afterAll(async () => {
  await link?.drain();
  await sim?.close();
  await nats?.stop();
});

describe("cost events through NATS outages and executor restarts", () => {
  it("NATS down during calls, then back: calls go on, and every event is stored exactly once, in order", async () => {
    const { executor, outbox } = await startReplica(mkdtempSync(join(tmpdir(), "outbox-")));
    const before = await storedEventIds();
    const ids = [await generate(executor), await generate(executor)];
    await expect.poll(async () => (await storedEventIds()).length, { timeout: 10_000 }).toBe(before.length + 2);

    await nats.stop();
    for (let call = 0; call < 4; call += 1) ids.push(await generate(executor));
    expect(outbox.pending).toBe(4);
    await bringNatsBack();
    await expect.poll(() => outbox.pending, { timeout: 30_000 }).toBe(0);
    expect(await storedEventIds()).toEqual([...before, ...ids]);
    await executor.stop();
    await outbox.close();
  }, 60_000);

  it("a graceful executor restart while NATS is down loses nothing and sends nothing twice", async () => {
    const directory = mkdtempSync(join(tmpdir(), "outbox-"));
    const first = await startReplica(directory);
    const before = await storedEventIds();
    const ids = [await generate(first.executor)];
    await expect.poll(() => first.outbox.pending, { timeout: 10_000 }).toBe(0);
    await nats.stop();
    ids.push(await generate(first.executor), await generate(first.executor));
    await first.executor.stop();
    expect(await first.outbox.flush(100)).toBe(false);
    await first.outbox.close();

    const second = await startReplica(directory);
    expect(second.outbox.pending).toBe(2);
    ids.push(await generate(second.executor));
    await bringNatsBack();
    await expect.poll(() => second.outbox.pending, { timeout: 30_000 }).toBe(0);
    expect(await storedEventIds()).toEqual([...before, ...ids]);
    await second.executor.stop();
    await second.outbox.close();
  }, 60_000);

  it("an executor killed before JetStream acked its events: the next start stores each exactly once", async () => {
    const directory = mkdtempSync(join(tmpdir(), "outbox-"));
    const before = await storedEventIds();
    // The first event reaches the stream but its ack never comes back; the second is never sent.
    const stored = jetStreamPublisher();
    let sent = 0;
    const ackLost: CostEventPublisher = async (event) => {
      sent += 1;
      if (sent === 1) await stored(event);
      return new Promise(() => undefined);
    };
    const killed = await startReplica(directory, 1_000, ackLost);
    const ids = [await generate(killed.executor), await generate(killed.executor)];
    // Killed: the server goes away and the outbox is never flushed or closed.
    await killed.executor.stop();
    const restarted = await startReplica(directory);
    expect(restarted.outbox.pending).toBe(2);
    await expect.poll(() => restarted.outbox.pending, { timeout: 10_000 }).toBe(0);
    expect(await storedEventIds()).toEqual([...before, ...ids]);
    await restarted.executor.stop();
    await restarted.outbox.close();
  }, 60_000);

  it("refuses new calls with UNAVAILABLE once the outbox is full, instead of dropping their costs", async () => {
    const { executor, outbox } = await startReplica(mkdtempSync(join(tmpdir(), "outbox-")), 2);
    await nats.stop();
    await generate(executor);
    await generate(executor);
    const refused = await failureOf(generate(executor));
    expect(refused.code).toBe(Code.Unavailable);
    expect(refused.rawMessage).toMatch(/outbox is full/);
    expect(errorReasonOf(refused)).toBe(ErrorReason.COST_OUTBOX_FULL);
    await bringNatsBack();
    await expect.poll(() => outbox.pending, { timeout: 30_000 }).toBe(0);
    expect((await generate(executor)).length).toBeGreaterThan(0);
    await executor.stop();
    await outbox.close();
  }, 60_000);
});
