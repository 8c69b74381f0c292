import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { defaultSimModels, startSimServer } from "@switchyard/provider-sim";
import type { RunningSim } from "@switchyard/provider-sim";
import { errorReasonOf } from "@switchyard/runtime";
import type { NatsLink } from "@switchyard/runtime";
import type { RunningNats } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutorHarness } from "./test-support/executor-harness.js";
import { createMemoryCostSink, startExecutorHarness } from "./test-support/executor-harness.js";
import { faultConfig } from "./test-support/fault-fixture.js";
import { connectReplica, startTestNats } from "./test-support/nats-replicas.js";

const cap = 3;
const models = {
  capped: `limits: { maxConcurrency: ${cap}, maxQueue: ${4 * cap} }`,
  "capped-crash": "limits: { maxConcurrency: 2 }",
};
/** The crashing replica's holdings expire this long after their last renewal. */
const crashTtlMs = 3_000;
let nats: RunningNats;
let sim: RunningSim;
const replicas: ExecutorHarness[] = [];
const links: NatsLink[] = [];

const template = defaultSimModels.find((model) => model.name === "sim-small")!;

beforeAll(async () => {
  nats = (await startTestNats("executor-concurrency")).nats;
  // Slow enough that calls overlap: each holds its slot for about 150 ms.
  const simModels = Object.keys(models).map((name) => ({ ...template, name, timeToFirstTokenMs: 150, tokensPerSecond: 4_000, answerTokens: 8 }));
  sim = await startSimServer({ models: simModels }, "127.0.0.1", 0);
  for (const [instance, ttl] of [
    ["replica-a", undefined],
    ["replica-b", undefined],
    ["replica-crashing", crashTtlMs],
  ] as const) {
    const { link, coordination } = await connectReplica(nats.url, instance, Object.keys(models), ttl);
    links.push(link);
    replicas.push(await startExecutorHarness({ configText: faultConfig(models), simUrl: sim.url, costs: createMemoryCostSink(), coordination, instance }));
  }
}, 60_000);
afterAll(async () => {
  for (const replica of replicas) await replica.stop();
  for (const link of links) if (!link.connection.isClosed()) await link.drain();
  await sim?.close();
  await nats?.stop();
});

const asAcme = { headers: { "x-switchyard-tenant": "acme" } };
/** One call through a replica: its error, if it failed. */
async function call(replica: number, model: string, signal?: AbortSignal): Promise<{ replica: number; error?: ConnectError }> {
  try {
    await replicas[replica]!.client.generate({ model, messages: [{ role: "user", content: "Say hi" }], maxAttempts: 1 }, { ...asAcme, signal });
    return { replica };
  } catch (error) {
    return { replica, error: ConnectError.from(error) };
  }
}

describe("maxConcurrency shared by two executor replicas through NATS", () => {
  it(`${4 * cap} concurrent calls through both replicas never have more than ${cap} in flight at the provider`, async () => {
    const results = await Promise.all(Array.from({ length: 4 * cap }, (_, index) => call(index % 2, "capped")));
    expect(results.filter((result) => result.error).map((result) => result.error?.rawMessage)).toEqual([]);
    const stats = sim.stats.for("capped");
    expect(stats.requests).toBe(4 * cap);
    expect(stats.maxInFlight).toBeLessThanOrEqual(cap);
    // Both replicas ran calls, and at some point the cap was full: the calls did overlap.
    expect(stats.maxInFlight).toBe(cap);
    expect(replicas.slice(0, 2).map((replica) => replica.models.get("capped")!.guards.gate.inFlight)).toEqual([0, 0]);
  }, 30_000);

  it("the slots of a replica killed while holding them come back once its holding expires", async () => {
    sim.faults.enqueue("capped-crash", { kind: "stall", times: 2 });
    const crashing = new AbortController();
    const held = [call(2, "capped-crash", crashing.signal), call(2, "capped-crash", crashing.signal)];
    await expect.poll(() => sim.stats.for("capped-crash").inFlight, { timeout: 10_000 }).toBe(2);
    // Killed: it no longer reaches NATS, so it can neither renew nor give back its two slots; its calls die with it.
    await links[2]!.connection.close();
    crashing.abort();
    await Promise.all(held);
    await expect.poll(() => sim.stats.for("capped-crash").inFlight).toBe(0);
    const refused = await call(0, "capped-crash");
    expect(refused.error?.code).toBe(Code.ResourceExhausted);
    expect(errorReasonOf(refused.error!)).toBe(ErrorReason.QUEUE_FULL);
    await expect.poll(async () => (await call(0, "capped-crash")).error?.rawMessage, { timeout: 4 * crashTtlMs, interval: 250 }).toBeUndefined();
    // Both of its slots came back, not one.
    expect((await Promise.all([call(0, "capped-crash"), call(0, "capped-crash")])).filter((result) => result.error)).toEqual([]);
  }, 30_000);
});
