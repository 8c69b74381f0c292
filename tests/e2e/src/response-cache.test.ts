import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { CacheOptionsSchema, CompleteRequestSchema, StrategySchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequest, StreamCompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { GenerationParamsSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { clone, create } from "@bufbuild/protobuf";
import { freePort, startServiceProcess } from "@switchyard/stack";
import type { ManagedProcess, RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simStats } from "./support/accounting.js";
import { repositoryRoot, startTestStack } from "./support/stack-fixture.js";

// The response cache through the real stack: two routers sharing one JetStream KV bucket, the
// simulator's counters as the independent tally of provider calls, the ledger's report for
// what the hits saved.
const configPath = join(import.meta.dirname, "../fixtures/seeds-gaps.yaml");
const meshToken = randomUUID();
let stack: RunningStack;
let secondRouter: ManagedProcess;
let router: Client<typeof RouterService>;
let router2: Client<typeof RouterService>;
let ledger: Client<typeof LedgerService>;

beforeAll(async () => {
  stack = await startTestStack({ configPath, env: { MESH_TOKEN: meshToken } });
  const port = await freePort();
  secondRouter = await startServiceProcess({
    rootDir: repositoryRoot,
    service: "router",
    instance: "router-2",
    logDir: stack.logDir,
    port,
    metricsPort: -1,
    env: {
      MESH_TOKEN: meshToken,
      NATS_URL: stack.urls.nats,
      SWITCHYARD_CONFIG: configPath,
      SIM_URL: stack.urls.sim,
      SELECTOR_URL: stack.urls.selector,
      EXECUTOR_URL: stack.urls.executor,
      CRITIC_URL: stack.urls.critic,
      LEDGER_URL: stack.urls.ledger,
    },
  });
  router = createClient(RouterService, createGrpcTransport({ baseUrl: stack.urls.router }));
  router2 = createClient(RouterService, createGrpcTransport({ baseUrl: `http://127.0.0.1:${port}` }));
  ledger = createClient(LedgerService, createGrpcTransport({ baseUrl: stack.urls.ledger }));
}, 120_000);
afterAll(async () => {
  await secondRouter?.stop("SIGTERM");
  await stack?.stop();
}, 60_000);

const as = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });
/** A copy of the request with one change. */
function variant(request: CompleteRequest, change: (copy: CompleteRequest) => void): CompleteRequest {
  const copy = clone(CompleteRequestSchema, request);
  change(copy);
  return copy;
}
const cached = (content: string, change: (copy: CompleteRequest) => void = () => undefined): CompleteRequest =>
  variant(
    create(CompleteRequestSchema, {
      messages: [{ role: "user", content: `${content} (${randomUUID()})` }],
      strategy: { kind: { case: "pinned", value: { model: "sim-small" } } },
      cache: { enabled: true, ttlSeconds: 60 },
    }),
    change,
  );
const cacheOption = (ttlSeconds: number, allowSampled = false) => create(CacheOptionsSchema, { enabled: true, ttlSeconds, allowSampled });
const providerCalls = async (): Promise<number> => (await simStats(stack.urls.sim))["sim-small"]?.requests ?? 0;

async function cacheTotals(key?: string): Promise<{ hits: bigint; saved: bigint }> {
  const report = await ledger.report({}, key ? as(key) : {});
  return { hits: report.total?.cacheHits ?? 0n, saved: report.total?.cacheSavingsNanoUsd ?? 0n };
}

describe("response cache on the real stack", () => {
  it("misses, then hits: no provider call, itemised as a cache hit at zero cost, and the ledger shows the saving", async () => {
    const request = cached("What is the capital of France?");
    const before = await cacheTotals();
    const first = await router.complete(request);
    expect(first).toMatchObject({ cacheHit: false });
    expect(first.totalCostNanoUsd).toBeGreaterThan(0n);
    const calls = await providerCalls();
    const second = await router.complete(request);
    expect(await providerCalls()).toBe(calls);
    expect(second).toMatchObject({ cacheHit: true, answer: first.answer, model: "sim-small", totalCostNanoUsd: 0n });
    expect(second.requestId).not.toBe(first.requestId);
    expect(second.attempts).toHaveLength(1);
    expect(second.attempts[0]).toMatchObject({ cacheHit: true, costNanoUsd: 0n, billed: false, savedNanoUsd: first.totalCostNanoUsd });
    await expect.poll(() => cacheTotals(), { timeout: 10_000 }).toEqual({ hits: before.hits + 1n, saved: before.saved + first.totalCostNanoUsd });
  });

  it("a different request misses: another prompt, another model, other params", async () => {
    const request = cached("Name a colour");
    await router.complete(request);
    const variants = [
      variant(request, (copy) => {
        copy.messages[0]!.content += "!";
      }),
      variant(request, (copy) => {
        copy.strategy = create(StrategySchema, { kind: { case: "pinned", value: { model: "sim-medium" } } });
      }),
      variant(request, (copy) => {
        copy.params = create(GenerationParamsSchema, { maxOutputTokens: 7 });
      }),
      variant(request, (copy) => {
        copy.params = create(GenerationParamsSchema, { tools: [{ name: "lookup", description: "looks up", parameters: { type: "object" } }] });
      }),
    ];
    for (const changed of variants) expect((await router.complete(changed)).cacheHit).toBe(false);
    // Tags and the idempotency key do not change the answer: still a hit.
    expect(
      (
        await router.complete(
          variant(request, (copy) => {
            copy.tags = { project: "other" };
            copy.idempotencyKey = randomUUID();
          }),
        )
      ).cacheHit,
    ).toBe(true);
  });

  it("expires an entry after its TTL", async () => {
    const request = cached("Count to three", (copy) => {
      copy.cache = cacheOption(1);
    });
    await router.complete(request);
    expect((await router.complete(request)).cacheHit).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await router.complete(request)).cacheHit).toBe(false);
  });

  it("never shares answers between tenants, and applies a tenant's default", async () => {
    const request = cached("A tenant's question");
    await router.complete(request);
    expect((await router.complete(request, as("sk-acme-e2e"))).cacheHit).toBe(false);
    expect((await router.complete(request, as("sk-acme-e2e"))).cacheHit).toBe(true);
    // beta caches by default (tenants.beta.cache); a request can still turn it off.
    const plain = variant(request, (copy) => {
      copy.cache = undefined;
    });
    expect((await router.complete(plain, as("sk-beta-e2e"))).cacheHit).toBe(false);
    expect((await router.complete(plain, as("sk-beta-e2e"))).cacheHit).toBe(true);
    expect(
      (
        await router.complete(
          variant(plain, (copy) => {
            copy.cache = create(CacheOptionsSchema, { enabled: false });
          }),
          as("sk-beta-e2e"),
        )
      ).cacheHit,
    ).toBe(false);
    // The dev tenant has no default: without the option nothing is cached.
    await router.complete(plain);
    expect((await router.complete(plain)).cacheHit).toBe(false);
  });

  it("replays a stream from the cache: start, deltas, completed", async () => {
    const request = cached("Tell a story");
    const collect = async (): Promise<StreamCompleteResponse[]> => {
      const events: StreamCompleteResponse[] = [];
      for await (const event of router.streamComplete(request)) events.push(event);
      return events;
    };
    const live = await collect();
    const calls = await providerCalls();
    const replayed = await collect();
    expect(await providerCalls()).toBe(calls);
    expect(replayed.map((event) => event.event.case)).toEqual(["start", "delta", "completed"]);
    const text = (events: StreamCompleteResponse[]) => events.map((event) => (event.event.case === "delta" ? event.event.value.text : "")).join("");
    expect(text(replayed)).toBe(text(live));
    const completed = replayed.at(-1)?.event;
    expect(completed?.case === "completed" && completed.value).toMatchObject({ cacheHit: true, totalCostNanoUsd: 0n, answer: text(live) });
    expect(replayed[0]?.event.case === "start" && replayed[0].event.value).toMatchObject({ model: "sim-small", simulated: true });
  });

  it("is shared by two routers through JetStream KV", async () => {
    const request = cached("Shared between replicas");
    const first = await router.complete(request);
    const second = await router2.complete(request);
    expect(second).toMatchObject({ cacheHit: true, answer: first.answer });
  });

  it("is not used at temperature > 0 unless the request allows sampled answers", async () => {
    const sampled = cached("Write a haiku", (copy) => {
      copy.params = create(GenerationParamsSchema, { temperature: 0.7 });
    });
    await router.complete(sampled);
    const calls = await providerCalls();
    expect((await router.complete(sampled)).cacheHit).toBe(false);
    expect(await providerCalls()).toBe(calls + 1);
    const allowed = variant(sampled, (copy) => {
      copy.cache = cacheOption(60, true);
    });
    await router.complete(allowed);
    expect((await router.complete(allowed)).cacheHit).toBe(true);
  });
});
