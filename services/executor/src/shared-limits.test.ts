import { Code, ConnectError } from "@connectrpc/connect";
import { RetryInfoSchema } from "@switchyard/contracts/google/rpc/error_details_pb";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { BreakerState } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { startSimServer } from "@switchyard/provider-sim";
import type { RunningSim } from "@switchyard/provider-sim";
import { errorReasonOf } from "@switchyard/runtime";
import type { NatsLink } from "@switchyard/runtime";
import type { RunningNats } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutorHarness } from "./test-support/executor-harness.js";
import { createMemoryCostSink, startExecutorHarness } from "./test-support/executor-harness.js";
import { faultConfig, faultSimModels } from "./test-support/fault-fixture.js";
import { connectReplica, startTestNats } from "./test-support/nats-replicas.js";

const models = {
  "rpm-limited": "limits: { requestsPerMinute: 4 }",
  "tpm-limited": "limits: { tokensPerMinute: 300 }",
  "shared-breaker": "breaker: { minRequests: 2, errorRate: 0.5, cooldownMs: 60000 }",
  "rpm-leased": "limits: { requestsPerMinute: 100 }",
};
let nats: RunningNats;
let sim: RunningSim;
const replicas: ExecutorHarness[] = [];
const links: NatsLink[] = [];

beforeAll(async () => {
  nats = (await startTestNats("executor-limits")).nats;
  sim = await startSimServer({ models: faultSimModels(Object.keys(models)) }, "127.0.0.1", 0);
  for (const instance of ["replica-a", "replica-b"]) {
    const { link, coordination } = await connectReplica(nats.url, instance, Object.keys(models));
    links.push(link);
    replicas.push(await startExecutorHarness({ configText: faultConfig(models), simUrl: sim.url, costs: createMemoryCostSink(), coordination, instance }));
  }
}, 60_000);
afterAll(async () => {
  for (const replica of replicas) await replica.stop();
  for (const link of links) await link.drain();
  await sim?.close();
  await nats?.stop();
});

const asAcme = { headers: { "x-switchyard-tenant": "acme" } };
/** One call through a replica: the tokens it used, or its error. */
async function call(replica: number, model: string, content = "Say hi"): Promise<{ replica: number; tokens: number; error?: ConnectError }> {
  try {
    const response = await replicas[replica]!.client.generate(
      { model, messages: [{ role: "user", content }], params: { maxOutputTokens: 50 }, maxAttempts: 1 },
      asAcme,
    );
    return { replica, tokens: Number(response.usage!.totalTokens) };
  } catch (error) {
    return { replica, tokens: 0, error: ConnectError.from(error) };
  }
}

/** What a bucket of `perMinute` may admit from a full start over `elapsedMs`. */
const allowance = (perMinute: number, elapsedMs: number) => perMinute + Math.floor((elapsedMs * perMinute) / 60_000);

describe("limits and breaker shared by two executor replicas through NATS", () => {
  it("RPM: both replicas together admit the limit, not twice it, even when their calls race", async () => {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 10 }, (_, index) => call(index % 2, "rpm-limited")));
    const admitted = results.filter((result) => !result.error).length;
    expect(admitted).toBeGreaterThanOrEqual(4);
    expect(admitted).toBeLessThanOrEqual(allowance(4, performance.now() - started));
    expect(sim.stats.for("rpm-limited").requests).toBe(admitted);
    const refusals = results.filter((result) => result.error);
    expect(new Set(refusals.map((result) => result.replica))).toEqual(new Set([0, 1]));
    const refusal = refusals[0]!.error!;
    expect(refusal.code).toBe(Code.ResourceExhausted);
    expect(errorReasonOf(refusal)).toBe(ErrorReason.RATE_LIMITED);
    expect(refusal.findDetails(RetryInfoSchema)).toHaveLength(1);
    const state = (await replicas[1]!.client.listModels({})).models.find((model) => model.model === "rpm-limited");
    expect(state?.remainingRequests).toBe(0n);
  });

  it("TPM: the tokens both replicas use stay within one limit (reserved before, settled to the real usage after)", async () => {
    const started = performance.now();
    const results = [];
    for (let index = 0; index < 24; index += 1) results.push(await call(index % 2, "tpm-limited", `Count ${index}`));
    const used = results.reduce((sum, result) => sum + result.tokens, 0);
    const admitted = results.filter((result) => !result.error);
    expect(new Set(admitted.map((result) => result.replica))).toEqual(new Set([0, 1]));
    expect(results.some((result) => result.error)).toBe(true);
    expect(used).toBeLessThanOrEqual(allowance(300, performance.now() - started));
    expect(sim.stats.for("tpm-limited").requests).toBe(admitted.length);
    expect(results.find((result) => result.error)?.error?.rawMessage).toMatch(/tokens-per-minute limit of tpm-limited/);
  });

  it("RPM large enough to lease: both replicas together still admit at most the one bucket, and at most the leases' parked share less", async () => {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 120 }, (_, index) => call(index % 2, "rpm-leased")));
    const admitted = results.filter((result) => !result.error).length;
    expect(admitted).toBeLessThanOrEqual(allowance(100, performance.now() - started));
    // Each replica may hold at most 1.5 lease chunks of 5% (7.5 requests) unspent when the bucket runs out.
    expect(admitted).toBeGreaterThanOrEqual(100 - 2 * 7.5);
    expect(sim.stats.for("rpm-leased").requests).toBe(admitted);
    expect(new Set(results.filter((result) => !result.error).map((result) => result.replica))).toEqual(new Set([0, 1]));
  }, 60_000);

  it("breaker: the error-rate window hears both replicas, and the open position holds for both", async () => {
    sim.faults.enqueue("shared-breaker", { kind: "server_error", times: 2 });
    const breakerOf = async (replica: number) => (await replicas[replica]!.client.listModels({})).models.find((model) => model.model === "shared-breaker");
    expect((await call(0, "shared-breaker")).error?.code).toBe(Code.Unavailable);
    // Replica B hears of A's failure through the outcome broadcast: one failure, under the minimum of two.
    await expect.poll(async () => (await breakerOf(1))?.recentErrorRate, { timeout: 10_000 }).toBe(1);
    expect((await breakerOf(1))?.breakerState).toBe(BreakerState.CLOSED);
    expect((await call(1, "shared-breaker")).error?.code).toBe(Code.Unavailable);
    expect((await breakerOf(1))?.breakerState).toBe(BreakerState.OPEN);
    await expect.poll(async () => (await breakerOf(0))?.breakerState, { timeout: 10_000 }).toBe(BreakerState.OPEN);
    for (const replica of [0, 1]) {
      expect(errorReasonOf((await call(replica, "shared-breaker")).error!)).toBe(ErrorReason.CIRCUIT_OPEN);
    }
    expect(sim.stats.for("shared-breaker").requests).toBe(2);
  });
});
