import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteBatchResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simStats } from "./support/accounting.js";
import { startTestStack } from "./support/stack-fixture.js";

// Split (map-reduce over a long input) through the real stack: router, executor, simulator,
// NATS and ledger (fixtures/seeds-gaps.yaml: sim-tiny has a 512-token window).
let stack: RunningStack;
let router: Client<typeof RouterService>;
let ledger: Client<typeof LedgerService>;

beforeAll(async () => {
  stack = await startTestStack({ configPath: join(import.meta.dirname, "../fixtures/seeds-gaps.yaml") });
  router = createClient(RouterService, createGrpcTransport({ baseUrl: stack.urls.router }));
  ledger = createClient(LedgerService, createGrpcTransport({ baseUrl: stack.urls.ledger }));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

const section = (index: number) =>
  `## Section ${index}\n\nThe harbour log for day ${index} records two high tides. The moon pulls the water; the sun adds a little. Boats wait for the flood.`;
/** A document four of sim-tiny's 512-token windows long (and then some). */
const document = `${Array.from({ length: 60 }, (_, index) => section(index)).join("\n\n")}\n\n(${randomUUID()})`;
const messages = [
  { role: "system", content: "Summarise the harbour log in two sentences." },
  { role: "user", content: document },
];
const pinnedTiny = { kind: { case: "pinned" as const, value: { model: "sim-tiny" } } };
const providerCalls = async (): Promise<number> => Object.values(await simStats(stack.urls.sim)).reduce((sum, model) => sum + model.requests, 0);

/** The cost events of a request's provider attempts (its zero-cost decision record is not an attempt). */
async function costEventsOf(requestId: string): Promise<CostEvent[]> {
  const events: CostEvent[] = [];
  for await (const exported of ledger.exportEvents({ tenant: "local" }))
    if (exported.event?.requestId === requestId && !exported.event.routingDecision) events.push(exported.event);
  return events;
}

describe("split: a document four windows long", () => {
  it("does not fit sim-tiny without split: FAILED_PRECONDITION, nothing called", async () => {
    const before = await providerCalls();
    const error = await router.complete({ messages, strategy: pinnedTiny }).then(
      () => undefined,
      (caught: unknown) => ConnectError.from(caught),
    );
    expect(error?.code).toBe(Code.FailedPrecondition);
    expect(error?.rawMessage).toMatch(/sim-tiny has a 512-token window.*set split/);
    // The router's own estimate (sim-tiny's tokenizer) puts the input past four windows.
    expect(Number(/input is about (\d+) tokens/.exec(error?.rawMessage ?? "")?.[1])).toBeGreaterThan(4 * 512);
    expect(await providerCalls()).toBe(before);
  });

  it("answers it with split: one call per chunk and a combine call, itemised, billed and reported", async () => {
    const before = await providerCalls();
    const response = await router.complete({ messages, strategy: pinnedTiny, split: { enabled: true }, params: { maxOutputTokens: 64 } });
    const chunks = response.routingDecision?.split?.chunks ?? 0;
    expect(chunks).toBeGreaterThanOrEqual(4);
    expect(response).toMatchObject({ model: "sim-tiny", strategy: "split/pinned", simulated: true });
    expect(response.answer).not.toBe("");
    expect(response.routingDecision?.split?.chunkTokens).toBeLessThan(512);
    // Itemised: one successful, billed attempt per chunk plus the combine call, and the total is their sum.
    expect(response.attempts).toHaveLength(chunks + 1);
    for (const attempt of response.attempts) expect(attempt).toMatchObject({ model: "sim-tiny", outcome: AttemptOutcome.SUCCEEDED, billed: true });
    expect(response.totalCostNanoUsd).toBe(response.attempts.reduce((sum, attempt) => sum + attempt.costNanoUsd, 0n));
    expect(response.totalCostNanoUsd).toBeGreaterThan(0n);
    // The simulator saw exactly those calls; the ledger billed each one, as split, at the response's total.
    expect(await providerCalls()).toBe(before + chunks + 1);
    await expect.poll(async () => (await costEventsOf(response.requestId)).length, { timeout: 15_000 }).toBe(chunks + 1);
    const events = await costEventsOf(response.requestId);
    expect(events.every((event) => event.strategy === "split/pinned" && event.billed)).toBe(true);
    expect(events.reduce((sum, event) => sum + event.costNanoUsd, 0n)).toBe(response.totalCostNanoUsd);
  }, 60_000); // a map call per chunk and a combine call through the whole stack

  it("answers it through the HTTP door with switchyard.split, itemised in the answer", async () => {
    const body = { model: "sim-tiny", messages, max_tokens: 64, switchyard: { split: true } };
    const post = (extra: object) =>
      fetch(`${stack.urls.http}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...body, ...extra }),
      });
    const response = await post({});
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      choices: { message: { content: string } }[];
      switchyard: { strategy: string; attempts: unknown[]; routing_decision: { split: { chunks: number } } };
    };
    expect(answer.choices[0]?.message.content).not.toBe("");
    expect(answer.switchyard.strategy).toBe("split/pinned");
    expect(answer.switchyard.routing_decision.split.chunks).toBeGreaterThanOrEqual(4);
    expect(answer.switchyard.attempts).toHaveLength(answer.switchyard.routing_decision.split.chunks + 1);
  }, 60_000); // a map call per chunk and a combine call through the whole stack

  it("streams the combine call once every chunk is answered (HTTP door SSE), itemised on its last chunk", async () => {
    const before = await providerCalls();
    const response = await fetch(`${stack.urls.http}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "sim-tiny", messages, max_tokens: 64, stream: true, switchyard: { split: true } }),
    });
    expect(response.status).toBe(200);
    const frames = (await response.text())
      .split("\n\n")
      .map((frame) => /^data: (.*)$/m.exec(frame)?.[1])
      .filter((data): data is string => data !== undefined);
    expect(frames.at(-1)).toBe("[DONE]");
    type Chunk = {
      choices: { delta: { content?: string } }[];
      switchyard?: { strategy: string; attempts: unknown[]; routing_decision: { split: { chunks: number } } };
    };
    const chunks = frames.slice(0, -1).map((data) => JSON.parse(data) as Chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).not.toBe("");
    const itemised = chunks.at(-1)?.switchyard;
    expect(itemised?.strategy).toBe("split/pinned");
    expect(itemised?.routing_decision.split.chunks).toBeGreaterThanOrEqual(4);
    expect(itemised?.attempts).toHaveLength(itemised!.routing_decision.split.chunks + 1);
    expect(await providerCalls()).toBe(before + itemised!.attempts.length);
  }, 60_000); // a map call per chunk and a combine call through the whole stack

  it("splits an item of a batch, beside items that need no split, each itemised on its own", async () => {
    const before = await providerCalls();
    const items = [
      { messages, strategy: pinnedTiny, split: { enabled: true }, params: { maxOutputTokens: 64 } },
      { messages: [{ role: "user", content: "Name one tide." }], strategy: pinnedTiny, params: { maxOutputTokens: 16 } },
      { messages, strategy: pinnedTiny },
    ];
    const results = new Map<number, CompleteBatchResponse["result"]>();
    for await (const item of router.completeBatch({ items, maxConcurrency: 3 })) results.set(item.index, item.result);
    expect([...results.keys()].sort()).toEqual([0, 1, 2]);
    const split = results.get(0);
    if (split?.case !== "response") throw new Error(`the split item failed: ${JSON.stringify(split?.value)}`);
    const chunks = split.value.routingDecision?.split?.chunks ?? 0;
    expect(chunks).toBeGreaterThanOrEqual(4);
    expect(split.value.strategy).toBe("split/pinned");
    expect(split.value.attempts).toHaveLength(chunks + 1);
    expect(split.value.totalCostNanoUsd).toBe(split.value.attempts.reduce((sum, attempt) => sum + attempt.costNanoUsd, 0n));
    const short = results.get(1);
    expect(short?.case === "response" && short.value.attempts).toHaveLength(1);
    // The long item without split is refused before any call, as a lone request is.
    expect(results.get(2)).toMatchObject({ case: "error", value: { code: "failed_precondition" } });
    expect(await providerCalls()).toBe(before + chunks + 2);
  }, 60_000); // a map call per chunk and a combine call through the whole stack

  it("refuses bad split options with INVALID_ARGUMENT naming the field", async () => {
    const error = await router.complete({ messages, strategy: pinnedTiny, split: { enabled: true, chunkTokens: 200, overlapTokens: 200 } }).then(
      () => undefined,
      (caught: unknown) => ConnectError.from(caught),
    );
    expect(error?.code).toBe(Code.InvalidArgument);
    expect(error?.rawMessage).toMatch(/^split\.overlap_tokens:/);
  });
});
