import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simStats } from "./support/accounting.js";
import { startTestStack } from "./support/stack-fixture.js";

// Context windows, task rules, named chains and task types through the real stack
// (fixtures/seeds-gaps.yaml: sim-tiny has a 512-token window; rule "code"; chain "fast").
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

const user = (content: string) => [{ role: "user", content: `${content} (${randomUUID()})` }];
/** About 1,500 tokens: three times sim-tiny's window, well inside sim-small's. */
const longText = Array.from({ length: 300 }, (_, index) => `Paragraph ${index} says the tide is high.`).join("\n");
const failure = (promise: Promise<unknown>): Promise<ConnectError> =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );
const providerCalls = async (): Promise<number> => Object.values(await simStats(stack.urls.sim)).reduce((sum, model) => sum + model.requests, 0);

/** The task type each provider attempt of a request recorded (the request's decision record is not an attempt). */
async function taskTypesOf(requestId: string): Promise<string[]> {
  const types: string[] = [];
  for await (const exported of ledger.exportEvents({ tenant: "local" }))
    if (exported.event?.requestId === requestId && !exported.event.routingDecision) types.push(exported.event.taskType);
  return types;
}

describe("context windows before any provider call", () => {
  it("pinned to a model too small for the input: FAILED_PRECONDITION naming the sizes, nothing called", async () => {
    const before = await providerCalls();
    const error = await failure(router.complete({ messages: user(longText), strategy: { kind: { case: "pinned", value: { model: "sim-tiny" } } } }));
    expect(error.code).toBe(Code.FailedPrecondition);
    expect(error.rawMessage).toMatch(/sim-tiny has a 512-token window/);
    expect(error.rawMessage).toMatch(/input is about \d+ tokens/);
    expect(await providerCalls()).toBe(before);
  });

  it("cheapest skips a candidate too small for the input and answers with the next", async () => {
    const strategy = { kind: { case: "cheapest" as const, value: { candidates: ["sim-tiny", "sim-small"], minQuality: 0 } } };
    expect((await router.complete({ messages: user("Say hi"), strategy })).model).toBe("sim-tiny");
    const response = await router.complete({ messages: user(longText), strategy });
    expect(response.model).toBe("sim-small");
    expect(response.attempts.map((attempt) => attempt.model)).toEqual(["sim-small"]);
  });
});

describe("task types, rules and named chains", () => {
  it("a declared task type picks its rule's primary and is recorded with the spend", async () => {
    const response = await router.complete({ messages: user("Write a sort function"), taskType: "code" });
    expect(response).toMatchObject({ model: "sim-medium", taskType: "code", strategy: "rules/code" });
    await expect.poll(() => taskTypesOf(response.requestId), { timeout: 10_000 }).toEqual(["code"]);
  });

  it("a rule fails over to its fallbacks in order", async () => {
    const response = await router.complete({ messages: user("Write a parser [[sim:server_error model=sim-medium]]"), taskType: "code" });
    expect(response.model).toBe("sim-large");
    expect(response.attempts[0]).toMatchObject({ model: "sim-medium", errorCode: "unavailable" });
  });

  it("cascade {chain_name} climbs the named chain; an unknown name is NOT_FOUND", async () => {
    const response = await router.complete({
      messages: user("Name a river"),
      strategy: { kind: { case: "cascade", value: { chainName: "fast", threshold: 0 } } },
    });
    expect(response.model).toBe("sim-small");
    const error = await failure(router.complete({ messages: user("x"), strategy: { kind: { case: "cascade", value: { chainName: "nope" } } } }));
    expect(error.code).toBe(Code.NotFound);
    expect(error.rawMessage).toMatch(/chain_name: unknown chain "nope" \(fast\)/);
  });

  it("records the task type of pinned requests too, and refuses a malformed one", async () => {
    const response = await router.complete({
      messages: user("Summarise this"),
      taskType: "summarize",
      strategy: { kind: { case: "pinned", value: { model: "sim-small" } } },
    });
    expect(response.taskType).toBe("summarize");
    await expect.poll(() => taskTypesOf(response.requestId), { timeout: 10_000 }).toEqual(["summarize"]);
    const error = await failure(
      router.complete({ messages: user("x"), taskType: "no spaces please", strategy: { kind: { case: "pinned", value: { model: "sim-small" } } } }),
    );
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toMatch(/^task_type:/);
  });

  it("returns the selector's complexity with the task type", async () => {
    const response = await router.complete({ messages: user("Prove that there are infinitely many primes, step by step") });
    expect(response.taskType).not.toBe("");
    expect(response.complexity).toBeGreaterThan(0);
    expect(response.complexity).toBeLessThanOrEqual(1);
  });
});
