import { create } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { AttemptOutcome, AttemptTrailSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { BudgetExceededSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { CompleteRequestSchema, EnsembleMode } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequest, CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { continueTrace, errorReasonOf, runWithRequestContext } from "@switchyard/runtime";
import { beforeEach, describe, expect, it } from "vitest";
import { complete } from "./complete-request.js";
import type { FakePeers } from "./test-support/fake-peers.js";
import { contextLengthError, createFakePeers } from "./test-support/fake-peers.js";

let peers: FakePeers;
beforeEach(async () => {
  peers = await createFakePeers();
  peers.predictions.set("tiny", [0.5, 0.9]).set("small", [0.75, 0.9]).set("medium", [0.85, 0.9]).set("large", [0.95, 0.9]);
});

type Init = Exclude<MessageInitShape<typeof CompleteRequestSchema>, CompleteRequest>;
const ask = (init: Omit<Init, "messages"> & { content?: string }): Init => ({
  messages: [{ role: "user", content: init.content ?? "Explain tides." }],
  ...init,
});

function route(init: Init, tenant = "acme", timeoutMs?: number): Promise<CompleteResponse> {
  const context = { requestId: `req-${Math.random().toString(36).slice(2)}`, trace: continueTrace(undefined), tenant, apiKeyId: undefined };
  const handler = { signal: new AbortController().signal, timeoutMs: () => timeoutMs };
  return runWithRequestContext(context, () => complete(peers.deps, create(CompleteRequestSchema, init), handler));
}

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );
}

const called = (): string[] => peers.generated.map((request) => request.model);

describe("cheapest", () => {
  it("picks the cheapest candidate whose predicted quality clears the bar", async () => {
    const response = await route(ask({ strategy: { kind: { case: "cheapest", value: { minQuality: 0.8 } } } }));
    expect(response).toMatchObject({ model: "medium", strategy: "cheapest", totalCostNanoUsd: 200n });
    expect(called()).toEqual(["medium"]);
  });

  it("fails over to the next cheapest that clears the bar when the first errors", async () => {
    peers.behaviour.set("small", new ConnectError("provider down", Code.Unavailable));
    const response = await route(ask({ strategy: { kind: { case: "cheapest", value: { minQuality: 0.7 } } } }));
    expect(response.model).toBe("medium");
    expect(response.attempts.map((attempt) => [attempt.model, attempt.outcome])).toEqual([
      ["small", AttemptOutcome.FAILED],
      ["medium", AttemptOutcome.SUCCEEDED],
    ]);
    expect(response.attempts[0]?.escalationReason).toMatch(/failed with unavailable/);
  });
});

describe("a tier constraint (cheapest and auto)", () => {
  it("cheapest keeps only that tier's models: the cheapest large one answers though a cheaper one clears the bar", async () => {
    const response = await route(ask({ strategy: { kind: { case: "cheapest", value: { minQuality: 0.7, tier: "large" } } } }));
    expect(response.model).toBe("large");
    expect(called()).toEqual(["large"]);
    expect(response.routingDecision?.candidates.map((candidate) => candidate.model)).toEqual(["large"]);
  });

  it("auto chooses among that tier only", async () => {
    const response = await route(ask({ strategy: { kind: { case: "auto", value: { minQuality: 0.5, tier: "medium" } } } }));
    expect(called()).toEqual(["medium"]);
    expect(response.model).toBe("medium");
  });

  it("a tier no candidate has is FAILED_PRECONDITION naming the field and the tiers there are", async () => {
    const refused = await failure(route(ask({ strategy: { kind: { case: "cheapest", value: { tier: "huge" } } } })));
    expect(refused.code).toBe(Code.FailedPrecondition);
    expect(refused.rawMessage).toBe('strategy.cheapest.tier: no candidate model of tier "huge" (tiers among them: large, medium, small)');
    expect(called()).toEqual([]);
  });
});

describe("cascade", () => {
  const cascade = (value: Record<string, unknown> = {}, content?: string): Init => ask({ content, strategy: { kind: { case: "cascade", value } } });

  it("escalates on an error and records why", async () => {
    peers.behaviour.set("tiny", new ConnectError("boom", Code.Unavailable));
    const response = await route(cascade({ chain: ["tiny", "small"], threshold: 0.6 }));
    expect(response.model).toBe("small");
    expect(response.attempts[0]).toMatchObject({ model: "tiny", escalationReason: "failed with unavailable" });
    expect(peers.generated[0]?.maxAttempts).toBe(1);
  });

  it("skips to a model with a larger window after a context-length error", async () => {
    peers.behaviour.set("tiny", contextLengthError());
    const response = await route(cascade({ chain: ["tiny", "small", "medium"], threshold: 0 }));
    expect(response.model).toBe("small");
    expect(response.attempts[0]?.escalationReason).toMatch(/context length/);
  });

  it("escalates a refusal", async () => {
    peers.behaviour.set("tiny", "I'm sorry, but I can't help with that.");
    const response = await route(cascade({ chain: ["tiny", "small"], threshold: 0 }));
    expect(response.model).toBe("small");
    expect(response.attempts[0]?.escalationReason).toBe("refusal");
  });

  it("escalates an answer whose confidence is under the threshold", async () => {
    const response = await route(cascade({ chain: ["tiny", "small", "medium"], threshold: 0.8 }));
    expect(called()).toEqual(["tiny", "small", "medium"]);
    expect(response.model).toBe("medium");
    expect(response.attempts[0]?.escalationReason).toMatch(/low confidence 0\.50 < 0\.8/);
  });

  const moon = "Which force keeps the moon in orbit?\nA) magnetism\nB) gravity\nC) friction\nD) none";

  it("asks a panel of cheap models together and accepts when their agreement clears the bar", async () => {
    peers.behaviour.set("tiny", "The answer is (B).").set("small", "B) because of gravity").set("medium", "B");
    // Calibrated chances 0.5, 0.725, 0.815 among 4 options: tiny and small agreeing would make B
    // 0.78 likely (under 0.8), all three 0.91; the panel is the three, asked at once.
    const response = await route({ ...cascade({}, moon), minQuality: 0.8 });
    expect(called().sort()).toEqual(["medium", "small", "tiny"]);
    expect(response.model).toBe("medium");
    expect(response.confidence).toBeCloseTo(0.907, 2);
    const agreement = response.routingDecision?.checks.find((check) => check.kind === "agreement");
    expect(agreement).toMatchObject({ model: "medium", passed: true, detail: "3 of 3 answers agree" });
    expect(response.routingDecision?.stopReason).toBe("accepted");
  });

  it("escalates to the model predicted best when the panel disagrees, and accepts once the agreement clears the bar", async () => {
    peers.behaviour.set("tiny", "Answer: A").set("small", "Answer: C").set("medium", "Answer: B").set("large", "The answer is B.");
    const response = await route({ ...cascade({}, moon), minQuality: 0.8 });
    expect(called().slice(0, 3).sort()).toEqual(["medium", "small", "tiny"]);
    expect(called()[3]).toBe("large");
    expect(response.model).toBe("large");
    expect(response.answer).toBe("The answer is B.");
    expect(response.confidence).toBeGreaterThanOrEqual(0.8);
    expect(response.attempts.find((attempt) => attempt.model === "medium")?.escalationReason).toMatch(
      /^answers disagree \(agreement 0\.\d\d < 0\.8\): escalating$/,
    );
  });

  it("two of three agreeing is enough when it makes the answer likely enough", async () => {
    peers.behaviour.set("tiny", "Answer: A").set("small", "Answer: B").set("medium", "Answer: B");
    const response = await route({ ...cascade({}, moon), minQuality: 0.8 });
    expect(called().sort()).toEqual(["medium", "small", "tiny"]);
    expect(response.model).toBe("medium");
    expect(response.confidence).toBeCloseTo(0.816, 2);
  });

  it("goes straight to the model predicted best when no panel could reach the bar", async () => {
    peers.behaviour.set("tiny", "The answer is (B).").set("small", "B) because of gravity").set("medium", "B");
    // Three cheap models agreeing make B at most 0.91 likely: a 0.99 bar is not theirs to answer.
    const response = await route({ ...cascade({}, moon), minQuality: 0.99 });
    expect(called()).toEqual(["large"]);
    expect(response.model).toBe("large");
    expect(response.routingDecision?.stopReason).toBe("top_of_ladder");
  });

  it("a low bar one cheap model reaches alone asks only that model", async () => {
    peers.behaviour.set("tiny", "The answer is (B).");
    const response = await route({ ...cascade({}, moon), minQuality: 0.4 });
    expect(called()).toEqual(["tiny"]);
    expect(response.confidence).toBeCloseTo(0.5, 5);
  });

  it("uses a critic's score as the confidence when critics are named", async () => {
    peers.critiqueScore = 0.3;
    const response = await route(cascade({ chain: ["tiny", "small"], threshold: 0.6, critics: ["large"] }));
    expect(response.model).toBe("small");
    expect(response.attempts.some((attempt) => attempt.attemptId === "critique-large")).toBe(true);
  });

  it("stops before a model that would take the request past max_cost", async () => {
    peers.behaviour.set("tiny", new ConnectError("down", Code.Unavailable)).set("small", new ConnectError("down", Code.Unavailable));
    // Estimates at 1,024 output tokens: tiny ~0.1 mUSD, small ~0.5 mUSD, large ~10 mUSD.
    const error = await failure(route({ ...cascade({ chain: ["tiny", "small", "large"], threshold: 0 }), maxCostNanoUsd: 700_000n }));
    expect(called()).toEqual(["tiny", "small"]);
    const trail = error.findDetails(AttemptTrailSchema)[0]?.attempts ?? [];
    expect(trail.map((attempt) => attempt.outcome)).toContain(AttemptOutcome.REJECTED);
    expect(trail.find((attempt) => attempt.outcome === AttemptOutcome.REJECTED)?.errorReason).toBe(ErrorReason.MAX_COST_EXCEEDED);
    expect(errorReasonOf(error)).toBe(ErrorReason.MAX_COST_EXCEEDED);
  });
});

describe("ensemble and critique", () => {
  it("judges parallel answers and itemises every candidate", async () => {
    peers.judgeBest = 1;
    const response = await route(
      ask({ strategy: { kind: { case: "ensemble", value: { models: ["tiny", "small", "medium"], mode: EnsembleMode.JUDGE, aggregator: "large" } } } }),
    );
    expect(response.model).toBe("small");
    expect(response.candidates.map((candidate) => [candidate.model, candidate.selected])).toEqual([
      ["tiny", false],
      ["small", true],
      ["medium", false],
    ]);
    expect(response.totalCostNanoUsd).toBe(10n + 50n + 200n + 7n);
  });

  it("synthesizes answers with the aggregator model", async () => {
    const response = await route(
      ask({ strategy: { kind: { case: "ensemble", value: { models: ["tiny", "small"], mode: EnsembleMode.SYNTHESIZE, aggregator: "large" } } } }),
    );
    expect(response).toMatchObject({ model: "large", strategy: "ensemble/synthesize" });
    expect(peers.generated.at(-1)?.messages.at(-1)?.content).toMatch(/Candidate 1:\nanswer from tiny/);
  });

  it("returns the primary answer with critiques and their cost", async () => {
    const response = await route(ask({ strategy: { kind: { case: "critique", value: { primary: "small", critics: ["medium", "large"] } } } }));
    expect(response).toMatchObject({ model: "small", confidence: 0.8 });
    expect(response.critiques).toHaveLength(2);
    expect(response.totalCostNanoUsd).toBe(50n + 5n + 5n);
  });

  it("still answers when the critic service fails", async () => {
    peers.critiqueScore = new ConnectError("critic down", Code.Unavailable);
    const response = await route(ask({ strategy: { kind: { case: "critique", value: { primary: "small", critics: ["medium"] } } } }));
    expect(response).toMatchObject({ model: "small", critiques: [] });
  });
});

describe("auto", () => {
  it("goes straight to the cheapest model when the selector is sure it answers well", async () => {
    peers.predictions.set("small", [0.93, 0.9]);
    const response = await route(ask({}));
    expect(response.strategy).toBe("auto/cheapest");
    expect(called()).toEqual(["small"]);
  });

  it("reads a cheaper model's answer first when that is worth its price, and accepts it when the answer scorer clears the bar", async () => {
    // Bar 0.7: small (0.75) is where cheapest would go; tiny (0.5 x small's price > tiny's) is read first.
    peers.answerProbability.set("tiny", 0.82);
    const response = await route(ask({ minQuality: 0.7 }));
    expect(response.strategy).toBe("auto/cascade");
    expect(called()).toEqual(["tiny"]);
    expect(response).toMatchObject({ model: "tiny", confidence: 0.82 });
    expect(response.routingDecision?.checks.find((check) => check.kind === "answer_scorer")).toMatchObject({ model: "tiny", passed: true });
  });

  it("climbs past a cheap answer the scorer rejects", async () => {
    peers.answerProbability.set("tiny", 0.3).set("small", 0.9);
    const response = await route(ask({ minQuality: 0.7 }));
    expect(called()).toEqual(["tiny", "small"]);
    expect(response.model).toBe("small");
    expect(response.attempts[0]?.escalationReason).toBe("low confidence 0.30 < 0.7");
  });

  it("does not read a cheap model whose chance of a good answer does not pay for the call", async () => {
    // tiny at 0.05 (0.095 calibrated) x small's price is under tiny's price.
    peers.predictions.set("tiny", [0.05, 0.9]);
    peers.answerProbability.set("tiny", 0.99);
    const response = await route(ask({ minQuality: 0.7 }));
    expect(called()).toEqual(["small"]);
    expect(response.model).toBe("small");
  });

  it("checks answers with a cascade when the selector is unsure", async () => {
    for (const name of ["tiny", "small", "medium", "large"]) peers.predictions.set(name, [peers.predictions.get(name)![0], 0.2]);
    const response = await route(ask({}));
    expect(response.strategy).toBe("auto/cascade");
  });
});

describe("budgets", () => {
  it("reserves before calling and releases afterwards", async () => {
    const response = await route(ask({ strategy: { kind: { case: "pinned", value: { model: "small" } } } }));
    expect(peers.reserved).toHaveLength(1);
    expect(peers.generated[0]?.context?.reservationId).toBe(`res-${response.requestId}`);
    await expect.poll(() => peers.released).toEqual([`res-${response.requestId}`]);
  });

  it("refuses with RESOURCE_EXHAUSTED before spending when the budget cannot cover the call", async () => {
    peers.budgetRemaining = 1n;
    const error = await failure(route(ask({ strategy: { kind: { case: "pinned", value: { model: "large" } } } })));
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.findDetails(BudgetExceededSchema)[0]?.remainingNanoUsd).toBe(1n);
    expect(peers.generated).toHaveLength(0);
  });

  it("asks the ledger again when a Reserve is cut (a replica died), and answers", async () => {
    peers.reserveFailures.push(new ConnectError("read ECONNRESET", Code.Aborted), new ConnectError("event bus unavailable: timeout", Code.Unavailable));
    const response = await route(ask({ strategy: { kind: { case: "pinned", value: { model: "small" } } } }));
    expect(peers.reserved.map((each) => each.requestId)).toEqual([response.requestId, response.requestId, response.requestId]);
    expect(called()).toEqual(["small"]);
  });

  it("releases again when a Release is cut or times out", async () => {
    peers.releaseFailures.push(new ConnectError("read ECONNRESET", Code.Aborted), new ConnectError("the operation timed out", Code.DeadlineExceeded));
    const response = await route(ask({ strategy: { kind: { case: "pinned", value: { model: "small" } } } }));
    await expect.poll(() => peers.released, { timeout: 5_000 }).toEqual([`res-${response.requestId}`]);
    expect(peers.releaseFailures).toEqual([]);
  });

  it("refuses to spend with UNAVAILABLE when the ledger stays unreachable", async () => {
    peers.reserveFailures.push(...Array.from({ length: 3 }, () => new ConnectError("no replica could take the call", Code.Unavailable)));
    const error = await failure(route(ask({ strategy: { kind: { case: "pinned", value: { model: "small" } } } })));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toMatch(/^budget ledger unavailable, refusing to spend: no replica could take the call/);
    expect(peers.reserved).toHaveLength(3);
    expect(peers.generated).toHaveLength(0);
  });

  it("cuts a cascade to what the remaining budget covers", async () => {
    peers.budgetRemaining = 1_000_000n;
    peers.behaviour.set("tiny", new ConnectError("down", Code.Unavailable)).set("small", new ConnectError("down", Code.Unavailable));
    const error = await failure(route(ask({ strategy: { kind: { case: "cascade", value: { chain: ["tiny", "small", "large"], threshold: 0 } } } })));
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toMatch(/budget exhausted: no model after "small" fits/);
    expect(error.findDetails(BudgetExceededSchema)[0]?.remainingNanoUsd).toBe(1_000_000n);
    expect(called()).toEqual(["tiny", "small"]);
    expect(peers.reserved.map((each) => each.estimatedMaxCostNanoUsd <= 1_000_000n)).toEqual([false, true]);
  });
});

describe("bad input", () => {
  it.each([
    [
      "a min_quality above 1",
      ask({ minQuality: 1.2, strategy: { kind: { case: "cheapest", value: {} } } }),
      Code.InvalidArgument,
      /min_quality: must be between 0 and 1/,
    ],
    [
      "a negative cascade threshold",
      ask({ strategy: { kind: { case: "cascade", value: { threshold: -0.1 } } } }),
      Code.InvalidArgument,
      /strategy.cascade.threshold/,
    ],
    [
      "an empty ensemble",
      ask({ strategy: { kind: { case: "ensemble", value: { models: [] } } } }),
      Code.InvalidArgument,
      /strategy.ensemble.models: name at least one model/,
    ],
    [
      "a critique without critics",
      ask({ strategy: { kind: { case: "critique", value: { primary: "small" } } } }),
      Code.InvalidArgument,
      /critics: name at least one/,
    ],
    [
      "an unknown model in a chain",
      ask({ strategy: { kind: { case: "cascade", value: { chain: ["tiny", "gpt-9"] } } } }),
      Code.NotFound,
      /strategy.cascade.chain\[1\]: unknown model "gpt-9"/,
    ],
    ["a non-positive max_cost", { ...ask({}), maxCostNanoUsd: 0n }, Code.InvalidArgument, /max_cost_nano_usd: must be positive/],
  ])("refuses %s", async (_name, init, code, message) => {
    const error = await failure(route(init));
    expect(error.code).toBe(code);
    expect(error.rawMessage).toMatch(message);
    expect(peers.generated).toHaveLength(0);
  });

  it("refuses a model the tenant may not use", async () => {
    const error = await failure(route(ask({ strategy: { kind: { case: "pinned", value: { model: "large" } } } }), "limited"));
    expect(error.code).toBe(Code.PermissionDenied);
  });
});
