import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { FeedbackSource, SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { createLogger, createServiceMetrics } from "@switchyard/runtime";
import type { RunningService } from "@switchyard/runtime";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadAnswerScorer } from "./answer/answer-artifact.js";
import type { AnswerScorer } from "./answer/answer-scorer.js";
import { FeedbackStore } from "./feedback/feedback-store.js";
import type { LoadedArtifact } from "./model/artifact-store.js";
import { loadArtifact } from "./model/artifact-store.js";
import { SelectorModel } from "./model/selector-model.js";
import { build } from "./server.js";

const logger = createLogger({ service: "selector-test", level: "silent" });
const artifactDir = join(import.meta.dirname, "../artifact");
const configured = new Map([
  ["sim-small", { tier: "small" as const, price: [0.1, 0.4] as const, priceNanoPerMillion: { input: 100_000_000n, output: 400_000_000n } }],
  ["sim-large", { tier: "large" as const, price: [3, 15] as const, priceNanoPerMillion: { input: 3_000_000_000n, output: 15_000_000_000n } }],
  ["my-gpt4", { aliasOf: "gpt-4-1106-preview" }],
]);
let artifact: LoadedArtifact;
let answers: AnswerScorer;
const running: RunningService[] = [];

beforeAll(() => {
  artifact = loadArtifact(artifactDir);
  answers = loadAnswerScorer(artifactDir);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.stop()));
});

async function startSelector(stateDir = mkdtempSync(join(tmpdir(), "selector-state-"))): Promise<Client<typeof SelectorService>> {
  const service = await build({
    logger,
    metrics: createServiceMetrics("selector-test"),
    model: new SelectorModel(artifact, configured),
    feedback: new FeedbackStore(stateDir),
    answers,
    configuredModels: [...configured.keys()],
    maxPromptChars: 2_000_000,
    readinessChecks: [],
    readinessIntervalMs: 60_000,
    shutdownGraceMs: 1_000,
  }).start({ host: "127.0.0.1", port: 0, metricsPort: -1 });
  running.push(service);
  return createClient(SelectorService, createGrpcTransport({ baseUrl: service.url }));
}

const user = (content: string) => [{ role: "user", content }];

async function rejection(call: Promise<unknown>): Promise<ConnectError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectError);
  return error as ConnectError;
}

describe("SelectorService.Score", () => {
  it("scores trained, aliased, configured and unknown models, in the order given, with the artifact version", async () => {
    const client = await startSelector();
    const response = await client.score({
      messages: user("Write a Python function that returns the n-th Fibonacci number using memoisation."),
      candidateModels: ["gpt-4-1106-preview", "my-gpt4", "sim-small", "totally-new-model-13b"],
    });
    expect(response.selectorVersion).toBe(artifact.meta.version);
    expect(response.scores.map((score) => [score.model, score.source])).toEqual([
      ["gpt-4-1106-preview", "trained"],
      ["my-gpt4", "alias:gpt-4-1106-preview"],
      ["sim-small", "prior"],
      ["totally-new-model-13b", "prior"],
    ]);
    expect(response.scores[1]?.predictedQuality).toBeCloseTo(response.scores[0]?.predictedQuality ?? -1, 6);
    for (const score of response.scores) {
      expect(score.predictedQuality).toBeGreaterThan(0);
      expect(score.predictedQuality).toBeLessThan(1);
      expect(score.confidence).toBeGreaterThan(0);
      expect(score.estimatedInputTokens).toBeGreaterThan(10n);
    }
    // A prior is trusted less than a model with training data.
    expect(response.scores[2]!.confidence).toBeLessThan(response.scores[0]!.confidence);
    expect(response.taskType).toBe("code");
    // Exact configured price: input tokens at $0.10/M plus output tokens at $0.40/M.
    const small = response.scores[2]!;
    expect(small.estimatedCostNanoUsd).toBe(small.estimatedInputTokens * 100n + small.estimatedOutputTokens * 400n);
  });

  it("scores every configured model when no candidates are given", async () => {
    const client = await startSelector();
    const response = await client.score({ messages: user("What is 17 * 23?") });
    expect(response.scores.map((score) => score.model)).toEqual(["sim-small", "sim-large", "my-gpt4"]);
  });

  it("handles an empty prompt, a huge prompt and non-English prompts without failing", async () => {
    const client = await startSelector();
    const empty = await client.score({ messages: [{ role: "user", content: "" }], candidateModels: ["gpt-4-1106-preview"] });
    expect(empty.novelty).toBe(1);
    expect(empty.scores[0]!.confidence).toBeLessThan(0.6);
    const huge = await client.score({
      messages: user("Explain the history of the Roman Empire in detail. ".repeat(30_000)),
      candidateModels: ["gpt-4-1106-preview"],
    });
    expect(huge.scores[0]!.estimatedInputTokens).toBeGreaterThan(300_000n);
    for (const text of ["下列关于光合作用的说法，正确的是哪一项？", "Объясните, почему небо голубое.", "ما هي عاصمة فرنسا؟", "🙂🙂🙂 ¿Qué hora es?"]) {
      const response = await client.score({ messages: user(text), candidateModels: ["gpt-4-1106-preview", "sim-small"] });
      expect(response.scores).toHaveLength(2);
      expect(Number.isFinite(response.scores[0]!.predictedQuality)).toBe(true);
    }
  });

  it("reports more novelty for text unlike the training data than for a familiar benchmark question", async () => {
    const client = await startSelector();
    const familiar = await client.score({
      messages: user("Question: Which of these is a renewable resource?\nAnswer:"),
      candidateModels: ["gpt-4-1106-preview"],
    });
    const strange = await client.score({
      messages: user("zxqv plorth wibblenax quorple frandish glimber snoutwhistle"),
      candidateModels: ["gpt-4-1106-preview"],
    });
    expect(strange.novelty).toBeGreaterThan(familiar.novelty);
    expect(strange.scores[0]!.confidence).toBeLessThan(familiar.scores[0]!.confidence);
  });

  it("refuses bad requests with INVALID_ARGUMENT naming the field", async () => {
    const client = await startSelector();
    expect((await rejection(client.score({ messages: [] }))).code).toBe(Code.InvalidArgument);
    const role = await rejection(client.score({ messages: [{ role: "robot", content: "hi" }] }));
    expect(role.code).toBe(Code.InvalidArgument);
    expect(role.rawMessage).toContain("messages[0].role");
    const duplicate = await rejection(client.score({ messages: user("hi"), candidateModels: ["a", "a"] }));
    expect(duplicate.rawMessage).toContain("listed twice");
    const kind = await rejection(client.score({ messages: user("hi"), candidateModels: ["a"], hints: { qualityKind: "vibes" } }));
    expect(kind.rawMessage).toContain("hints.quality_kind");
  });
});

describe("SelectorService.Feedback", () => {
  it("moves a model's predicted quality and keeps it across a restart", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "selector-state-"));
    const client = await startSelector(stateDir);
    const request = { messages: user("What is the derivative of x^3 + 2x?"), candidateModels: ["gpt-4-1106-preview"] };
    const before = (await client.score(request)).scores[0]!.predictedQuality;
    for (let index = 0; index < 30; index += 1) {
      const response = await client.feedback({
        requestId: `r${index}`,
        model: "gpt-4-1106-preview",
        messages: request.messages,
        quality: 0,
        source: FeedbackSource.CRITIC,
      });
      expect(response.observations).toBe(BigInt(index + 1));
    }
    const after = (await client.score(request)).scores[0]!.predictedQuality;
    expect(after).toBeLessThan(before - 0.2);
    const repeated = await client.feedback({
      requestId: "r0",
      model: "gpt-4-1106-preview",
      messages: request.messages,
      quality: 0,
      source: FeedbackSource.CRITIC,
    });
    expect(repeated).toMatchObject({ observations: 30n, duplicate: true });

    await Promise.all(running.splice(0).map((service) => service.stop()));
    const restarted = await startSelector(stateDir);
    expect((await restarted.score(request)).scores[0]!.predictedQuality).toBeCloseTo(after, 10);
  });

  it("accepts caller feedback with only the prediction the router acted on", async () => {
    const client = await startSelector();
    const response = await client.feedback({ model: "sim-small", quality: 1, predictedQuality: 0.4, source: FeedbackSource.CALLER });
    expect(response.observations).toBe(1n);
  });

  it("refuses feedback it cannot use with INVALID_ARGUMENT", async () => {
    const client = await startSelector();
    const noSource = await rejection(client.feedback({ model: "m", quality: 0.5, predictedQuality: 0.5 }));
    expect(noSource.rawMessage).toContain("source");
    const outOfRange = await rejection(client.feedback({ model: "m", quality: 1.5, predictedQuality: 0.5, source: FeedbackSource.CRITIC }));
    expect(outOfRange.rawMessage).toContain("quality");
    const nothing = await rejection(client.feedback({ model: "m", quality: 0.5, source: FeedbackSource.CRITIC }));
    expect(nothing.code).toBe(Code.InvalidArgument);
    expect((await rejection(client.feedback({ model: "", quality: 0.5, predictedQuality: 0.5, source: FeedbackSource.CRITIC }))).rawMessage).toContain("model");
  });
});

describe("SelectorService.ScoreAnswer", { timeout: 60_000 }, () => {
  it("scores an answer with the committed scorer, calibrated per kind, and refuses what it cannot read", async () => {
    const client = await startSelector();
    const messages = user("Write a Python function that returns the n-th Fibonacci number.");
    const code = await client.scoreAnswer({
      messages,
      answer: "```python\ndef fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n```",
      model: "gpt-4-1106-preview",
    });
    const refusal = await client.scoreAnswer({ messages, answer: "I'm sorry, I cannot help with that.", model: "gpt-4-1106-preview" });
    expect(code.probability).toBeGreaterThan(refusal.probability);
    expect(code.trainedModel).toBe(true);
    expect(code.scorerVersion).toMatch(/^a1-[0-9a-f]{12}$/);
    const unseen = await client.scoreAnswer({ messages, answer: "def fib(n): return n", model: "brand-new-model", qualityKind: "judge_1_10" });
    expect(unseen.trainedModel).toBe(false);
    expect(unseen.probability).toBeGreaterThan(0);
    expect(code.verification).toBeUndefined();
    const task = user("Write a function to square a number.\nYour code should pass these tests:\n\nassert square(3) == 9\nassert square(-2) == 4\n");
    const verified = await client.scoreAnswer({
      messages: task,
      answer: "```python\ndef square(x):\n    return x * x\n```",
      model: "gpt-4-1106-preview",
      verify: true,
    });
    expect(verified.verification).toMatchObject({ verdict: "passed", tests: 2, run: "passed" });
    const wrong = await client.scoreAnswer({
      messages: task,
      answer: "```python\ndef square(x):\n    return x + x\n```",
      model: "gpt-4-1106-preview",
      verify: true,
    });
    expect(wrong.verification).toMatchObject({ verdict: "failed", run: "failed" });
    expect((await rejection(client.scoreAnswer({ messages, answer: "x", model: "" }))).rawMessage).toBe("model: must not be empty");
    expect((await rejection(client.scoreAnswer({ messages: [], answer: "x", model: "m" }))).code).toBe(Code.InvalidArgument);
    expect((await rejection(client.scoreAnswer({ messages, answer: "x", model: "m", qualityKind: "vibes" }))).rawMessage).toMatch(/^hints.quality_kind/);
  });
});

describe("SelectorService.Feedback per tenant", () => {
  it("moves the tenant's routing only; another tenant's and the global state stay put unless global is set", async () => {
    const client = await startSelector();
    const messages = user("What is the capital of France?");
    const predicted = async (tenant: string): Promise<number> =>
      (await client.score({ messages, candidateModels: ["sim-small"] }, { headers: { "x-switchyard-tenant": tenant } })).scores[0]!.predictedQuality;
    const before = await predicted("globex");
    for (let index = 0; index < 30; index += 1)
      await client.feedback({ requestId: `r${index}`, model: "sim-small", messages, quality: 1, source: FeedbackSource.CALLER, tenant: "acme" });
    expect(await predicted("acme")).toBeGreaterThan(before + 0.2);
    expect(await predicted("globex")).toBe(before);
    for (let index = 0; index < 30; index += 1)
      await client.feedback({
        requestId: `g${index}`,
        model: "sim-small",
        messages,
        quality: 1,
        source: FeedbackSource.VERIFICATION,
        tenant: "initech",
        global: true,
      });
    expect(await predicted("globex")).toBeGreaterThan(before + 0.2);
  });
});
