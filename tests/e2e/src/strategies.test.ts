import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { AttemptOutcome, AttemptTrailSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CritiqueStatus } from "@switchyard/contracts/switchyard/v1/critic_pb";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { EnsembleMode, RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { StreamCompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postConnectJson } from "./support/connect-json.js";
import { startTestStack } from "./support/stack-fixture.js";

let stack: RunningStack;
let router: Client<typeof RouterService>;
let ledger: Client<typeof LedgerService>;

beforeAll(async () => {
  // Per-request reservations: these tests check how a plan is cut to an exact remaining budget.
  // Leases (the default) are covered by budget-leases.test.ts.
  stack = await startTestStack({ configPath: join(import.meta.dirname, "../fixtures/strategies.yaml"), env: { BUDGET_MODE: "reservations" } });
  router = createClient(RouterService, createGrpcTransport({ baseUrl: stack.urls.router }));
  ledger = createClient(LedgerService, createGrpcTransport({ baseUrl: stack.urls.ledger }));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

const user = (content: string) => [{ role: "user", content: `${content} (${randomUUID()})` }];
const as = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );
}

async function spentBy(requestId: string): Promise<bigint> {
  let total = 0n;
  for await (const exported of ledger.exportEvents({ tenant: "local" })) {
    if (exported.event?.requestId === requestId && exported.event.billed) total += exported.event.costNanoUsd;
  }
  return total;
}

describe("strategies end to end on the real stack", () => {
  it("cascade: a failing primary escalates, every attempt is itemised and the ledger books the same cost", async () => {
    const response = await router.complete({
      messages: user("Explain tides [[sim:server_error model=sim-small]]"),
      strategy: { kind: { case: "cascade", value: { chain: ["sim-small", "sim-medium"], threshold: 0 } } },
    });
    expect(response.model).toBe("sim-medium");
    expect(response.attempts[0]).toMatchObject({ model: "sim-small", outcome: AttemptOutcome.FAILED, errorCode: "unavailable" });
    expect(response.attempts[0]?.escalationReason).toMatch(/failed with unavailable/);
    await expect.poll(() => spentBy(response.requestId), { timeout: 10_000 }).toBe(response.totalCostNanoUsd);
  });

  it("ensemble: members answer in parallel and the critic's judge picks one", async () => {
    const response = await router.complete({
      messages: user("Name a prime"),
      strategy: { kind: { case: "ensemble", value: { models: ["sim-small", "sim-medium"], mode: EnsembleMode.JUDGE } } },
    });
    expect(response.candidates).toHaveLength(2);
    expect(response.candidates.filter((candidate) => candidate.selected)).toHaveLength(1);
    expect(response.attempts.map((attempt) => attempt.model)).toContain("sim-large");
    expect(response.strategy).toBe("ensemble/judge");
  });

  it("ensemble: a synthesizer merges the members' answers", async () => {
    const response = await router.complete({
      messages: user("Name a colour"),
      strategy: { kind: { case: "ensemble", value: { models: ["sim-small", "sim-medium"], mode: EnsembleMode.SYNTHESIZE, aggregator: "sim-large" } } },
    });
    expect(response).toMatchObject({ model: "sim-large", strategy: "ensemble/synthesize" });
    expect(response.candidates.map((candidate) => candidate.model)).toEqual(["sim-small", "sim-medium"]);
  });

  it("critique: the answer comes back with the critiques that finished, a stalled critic reported as timed out", async () => {
    const response = await router.complete(
      {
        messages: user("Explain rainbows [[sim:stall model=sim-large]]"),
        strategy: { kind: { case: "critique", value: { primary: "sim-small", critics: ["sim-medium", "sim-large"] } } },
      },
      { timeoutMs: 6_000 },
    );
    expect(response.model).toBe("sim-small");
    const byCritic = new Map(response.critiques.map((critique) => [critique.criticModel, critique.status]));
    expect(byCritic.get("sim-medium")).toBe(CritiqueStatus.OK);
    expect(byCritic.get("sim-large")).toBe(CritiqueStatus.TIMED_OUT);
  }, 20_000);

  it("cheapest and auto answer through the selector's scores", async () => {
    const cheapest = await router.complete({ messages: user("Say hi"), strategy: { kind: { case: "cheapest", value: { minQuality: 0 } } } });
    expect(cheapest.model).toBe("sim-small");
    const auto = await router.complete({ messages: user("Say hi") });
    expect(auto.strategy).toMatch(/^auto\/(cheapest|cascade)$/);
    expect(auto.attempts.length).toBeGreaterThan(0);
  });

  it("batch: every item comes back with its index, failures as items", async () => {
    const items = [
      { messages: user("one"), strategy: { kind: { case: "pinned" as const, value: { model: "sim-small" } } } },
      { messages: user("two [[sim:bad_key]]"), strategy: { kind: { case: "pinned" as const, value: { model: "sim-small" } } } },
      { messages: user("three"), strategy: { kind: { case: "pinned" as const, value: { model: "sim-medium" } } } },
    ];
    const results = [];
    for await (const result of router.completeBatch({ items, maxConcurrency: 2 })) results.push(result);
    expect(results.map((result) => result.index).sort()).toEqual([0, 1, 2]);
    expect(results.find((result) => result.index === 1)?.result).toMatchObject({ case: "error", value: { code: "permission_denied" } });
  });
});

describe("streaming", () => {
  async function streamed(content: string): Promise<{ events: StreamCompleteResponse[]; error?: ConnectError }> {
    const events: StreamCompleteResponse[] = [];
    try {
      for await (const event of router.streamComplete({ messages: user(content), strategy: { kind: { case: "pinned", value: { model: "sim-small" } } } }))
        events.push(event);
      return { events };
    } catch (error) {
      return { events, error: ConnectError.from(error) };
    }
  }

  it("streams deltas as they arrive, then the full response", async () => {
    const { events, error } = await streamed("Tell a story");
    expect(error).toBeUndefined();
    const deltas = events.filter((event) => event.event.case === "delta");
    expect(deltas.length).toBeGreaterThan(1);
    const last = events.at(-1)!;
    expect(last.event.case === "completed" && last.event.value.answer).toBe(
      deltas.map((event) => (event.event.case === "delta" ? event.event.value.text : "")).join(""),
    );
  });

  it("ends a stream cut after the first token with a clear status, bills what was produced and never switches model", async () => {
    const { events, error } = await streamed("Tell a story [[sim:cut after_tokens=3]]");
    expect(events.filter((event) => event.event.case === "delta").length).toBeGreaterThanOrEqual(1);
    expect(error).toBeDefined();
    const trail = error!.findDetails(AttemptTrailSchema)[0]?.attempts ?? [];
    expect(trail.every((attempt) => attempt.model === "sim-small")).toBe(true);
    expect(trail.some((attempt) => attempt.billed && attempt.costNanoUsd > 0n)).toBe(true);
  });
});

describe("limits", () => {
  it("bounds every hop with the caller's deadline and cancels the provider call", async () => {
    const before = (await (await fetch(`${stack.urls.sim}/_sim/stats`)).json()) as Record<string, { aborted: number }>;
    const started = performance.now();
    const error = await failure(
      router.complete({ messages: user("Wait [[sim:stall]]"), strategy: { kind: { case: "pinned", value: { model: "sim-small" } } } }, { timeoutMs: 800 }),
    );
    expect(error.code).toBe(Code.DeadlineExceeded);
    expect(performance.now() - started).toBeLessThan(10_000);
    await expect
      .poll(async () => ((await (await fetch(`${stack.urls.sim}/_sim/stats`)).json()) as Record<string, { aborted: number }>)["sim-small"]?.aborted ?? 0, {
        timeout: 5_000,
      })
      .toBeGreaterThan(before["sim-small"]?.aborted ?? 0);
  });

  it("stops a cascade the budget cannot carry past its first rung with RESOURCE_EXHAUSTED", async () => {
    const error = await failure(
      router.complete(
        {
          messages: user("Explain tides [[sim:server_error model=sim-small]]"),
          strategy: { kind: { case: "cascade", value: { chain: ["sim-small", "sim-medium", "sim-large"], threshold: 0 } } },
        },
        as("sk-poor-e2e"),
      ),
    );
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toMatch(/budget/);
    const trail = error.findDetails(AttemptTrailSchema)[0]?.attempts ?? [];
    expect(trail.length).toBeGreaterThan(0);
    expect(new Set(trail.map((attempt) => attempt.model))).toEqual(new Set(["sim-small"]));
  });
});

describe("bad input", () => {
  it("refuses unknown strategy fields", async () => {
    const body = '{"messages":[{"role":"user","content":"hi"}],"strategy":{"cascade":{"treshold":0.5}}}';
    const result = await postConnectJson(stack.urls.router, "/switchyard.v1.RouterService/Complete", body);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ code: "invalid_argument" });
    expect(String(result.body["message"])).toMatch(/treshold/);
  });

  it.each([
    [
      "a min_quality outside [0,1]",
      { messages: user("hi"), strategy: { kind: { case: "cheapest" as const, value: { minQuality: 1.5 } } } },
      Code.InvalidArgument,
      /min_quality: must be between 0 and 1/,
    ],
    [
      "an empty candidate list",
      { messages: user("hi"), strategy: { kind: { case: "ensemble" as const, value: { models: [] } } } },
      Code.InvalidArgument,
      /name at least one model/,
    ],
  ])("refuses %s", async (_name, request, code, message) => {
    const error = await failure(router.complete(request));
    expect(error.code).toBe(code);
    expect(error.rawMessage).toMatch(message);
  });

  it("refuses a model the tenant may not use", async () => {
    const error = await failure(
      router.complete({ messages: user("hi"), strategy: { kind: { case: "pinned", value: { model: "sim-large" } } } }, as("sk-acme-e2e")),
    );
    expect(error.code).toBe(Code.PermissionDenied);
    expect(error.rawMessage).toMatch(/tenant "acme" may not use model "sim-large"/);
  });
});
