import { join } from "node:path";
import { createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RoutingDecision } from "@switchyard/contracts/switchyard/v1/routing_decision_pb";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meshTokenHeader } from "./support/mesh-headers.js";
import { startTestStack } from "./support/stack-fixture.js";

// The cascade's answer checks on the real stack: the simulator replays recorded answers
// (fixtures/cascade-checks.jsonl: code that passes or fails the prompt's asserts, numbers that
// agree or not), the selector runs the code in its sandbox, and the ledger keeps the decision.
const replayFile = join(import.meta.dirname, "../fixtures/cascade-checks.jsonl");

let stack: RunningStack;
let router: Client<typeof RouterService>;
let ledger: Client<typeof LedgerService>;

beforeAll(async () => {
  stack = await startTestStack({ configPath: join(import.meta.dirname, "../fixtures/strategies.yaml"), simReplay: [replayFile] });
  router = createClient(RouterService, createGrpcTransport({ baseUrl: stack.urls.router }));
  ledger = createClient(LedgerService, createGrpcTransport({ baseUrl: stack.urls.ledger }));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

const prompts = {
  verified: "Write a Python function add_numbers(a, b) that returns their sum.\nassert add_numbers(1, 2) == 3\nassert add_numbers(-4, 4) == 0",
  failedTests: "Write a Python function is_even(n) that says whether n is even.\nassert is_even(4)\nassert not is_even(7)",
  agreement: "What is the product of 6 and 7?",
  disagreement: "What is the product of 8 and 9?",
};

function cascade(prompt: string, chain: string[], threshold = 0.8): Promise<CompleteResponse> {
  return router.complete({
    messages: [{ role: "user", content: prompt }],
    strategy: { kind: { case: "cascade", value: { chain, threshold } } },
  });
}

const called = (decision: RoutingDecision | undefined): string[] =>
  (decision?.candidates ?? []).filter((candidate) => candidate.called).map((candidate) => candidate.model);

/** The decision the ledger keeps for a request (its decision record arrives through JetStream). */
async function ledgerDecision(requestId: string): Promise<RoutingDecision | undefined> {
  const headers = { "x-switchyard-tenant": "local", [meshTokenHeader]: stack.meshToken };
  try {
    return (await ledger.lookupRequest({ requestId }, { headers })).routingDecision;
  } catch {
    return undefined;
  }
}

describe("cascade answer checks on the real stack", () => {
  it("accepts the cheap model's code when it passes the prompt's tests, and the ledger keeps that decision", async () => {
    const response = await cascade(prompts.verified, ["sim-small", "sim-large"]);
    expect(response.model).toBe("sim-small");
    expect(response.attempts.map((attempt) => attempt.model)).toEqual(["sim-small"]);
    const decision = response.routingDecision;
    expect(decision).toMatchObject({ stopReason: "accepted", chosenModel: "sim-small" });
    expect(decision?.candidates.map((candidate) => candidate.model)).toEqual(["sim-small", "sim-large"]);
    expect(called(decision)).toEqual(["sim-small"]);
    expect(decision?.checks).toContainEqual(expect.objectContaining({ model: "sim-small", kind: "tests", passed: true, score: 1 }));
    expect(response.confidence).toBeGreaterThanOrEqual(0.95);
    await expect.poll(() => ledgerDecision(response.requestId), { timeout: 10_000 }).toEqual(decision);
  });

  it("escalates when the cheap model's code fails the tests, and answers with the model whose code passes", async () => {
    const response = await cascade(prompts.failedTests, ["sim-small", "sim-medium", "sim-large"]);
    expect(response.model).toBe("sim-medium");
    expect(response.attempts.map((attempt) => attempt.model)).toEqual(["sim-small", "sim-medium"]);
    expect(response.attempts[0]?.escalationReason).toMatch(/low confidence/);
    const decision = response.routingDecision;
    expect(decision).toMatchObject({ stopReason: "accepted", chosenModel: "sim-medium" });
    expect(called(decision)).toEqual(["sim-small", "sim-medium"]);
    const tests = decision?.checks.filter((check) => check.kind === "tests") ?? [];
    expect(tests).toEqual([
      expect.objectContaining({ model: "sim-small", passed: false, score: 0 }),
      expect.objectContaining({ model: "sim-medium", passed: true, score: 1 }),
    ]);
    await expect.poll(() => ledgerDecision(response.requestId), { timeout: 10_000 }).toEqual(decision);
  });

  // The simulated models have no training data: from their priors (calibrated ~0.33 on these
  // prompts) two of them agreeing on a number makes it 0.42 likely right, a split pair 0.26 and
  // the large one siding with one of them 0.35 (agreement-posterior.ts), so these ask for 0.3.
  it("accepts two cheap models that agree on the number without calling the large one", async () => {
    const response = await cascade(prompts.agreement, ["sim-small", "sim-medium", "sim-large"], 0.3);
    expect(response.answer).toMatch(/42/);
    expect(response.attempts.map((attempt) => attempt.model).sort()).toEqual(["sim-medium", "sim-small"]);
    const decision = response.routingDecision;
    expect(decision?.stopReason).toBe("accepted");
    expect(called(decision)).not.toContain("sim-large");
    expect(decision?.checks).toContainEqual(expect.objectContaining({ kind: "agreement", passed: true }));
  });

  it("escalates when the cheap answers disagree, and takes the majority once the large model breaks the tie", async () => {
    const response = await cascade(prompts.disagreement, ["sim-small", "sim-medium", "sim-large"], 0.3);
    expect(response.answer).toMatch(/72/);
    expect(response.attempts.map((attempt) => attempt.model)).toContain("sim-large");
    const decision = response.routingDecision;
    expect(decision).toMatchObject({ stopReason: "accepted", chosenModel: "sim-large" });
    expect(called(decision)).toEqual(["sim-small", "sim-medium", "sim-large"]);
    expect(decision?.checks.map((check) => [check.kind, check.passed])).toEqual([
      ["agreement", false],
      ["agreement", true],
    ]);
  });
});

describe("shadow_rate on the real stack", () => {
  const headers = () => ({ "x-switchyard-tenant": "local", [meshTokenHeader]: stack.meshToken });

  it("shadows the served answer with the best model behind it, bills the shadow and reports realised quality", async () => {
    const response = await router.complete({
      messages: [{ role: "user", content: prompts.verified }],
      strategy: { kind: { case: "cascade", value: { chain: ["sim-small", "sim-large"], threshold: 0.8 } } },
      shadowRate: 1,
    });
    expect(response.model).toBe("sim-small");
    expect(response.routingDecision?.baselineModel).toBe("sim-large");
    expect(response.attempts.map((attempt) => attempt.model)).toEqual(["sim-small"]);
    const shadowEvents = async () => {
      const found = [];
      for await (const { event } of ledger.exportEvents({ tenant: "local" }, { headers: headers() })) {
        if (event?.tags["switchyard_shadow_of"] === response.requestId) found.push(event);
      }
      return found;
    };
    await expect.poll(async () => (await shadowEvents()).length, { timeout: 15_000 }).toBe(2);
    const [attempt, observation] = [...(await shadowEvents())].sort((left, right) => Number(left.quality !== undefined) - Number(right.quality !== undefined));
    expect(attempt).toMatchObject({ requestId: `${response.requestId}/shadow`, model: "sim-large", strategy: "shadow", billed: true });
    expect(attempt?.costNanoUsd).toBeGreaterThan(0n);
    expect(observation).toMatchObject({ requestId: response.requestId, model: "sim-small", quality: 1, qualitySource: "shadow" });
    const report = await ledger.report({ tenant: "local" }, { headers: headers() });
    expect(report.total?.shadowRequests).toBeGreaterThanOrEqual(1n);
    expect(report.total?.shadowCostNanoUsd).toBeGreaterThanOrEqual(attempt?.costNanoUsd ?? 1n);
    expect(report.total?.shadowQualityObservations).toBeGreaterThanOrEqual(1n);
  });
});
