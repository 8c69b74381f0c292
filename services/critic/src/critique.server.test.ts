import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { CritiqueStatus, Verdict } from "@switchyard/contracts/switchyard/v1/critic_pb";
import type { CriticService } from "@switchyard/contracts/switchyard/v1/critic_pb";
import { FeedbackSource } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { createLogger } from "@switchyard/runtime";
import type { ServiceMetrics } from "@switchyard/runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSelectorFeedback } from "./selector-feedback.js";
import type { ExecutorCall, FakeModel } from "./test-support/fake-peers.js";
import { callCost, fakeExecutor, fakeSelector, failure, hangUntilAborted, providerFailure, structuredReply } from "./test-support/fake-peers.js";
import type { TestCritic } from "./test-support/start-critic.js";
import { startTestCritic } from "./test-support/start-critic.js";

const judgment = {
  pick: { best: 2, score: 0.7, rationale: "2 is right" },
  rank: {
    ranking: [
      { candidate: 2, score: 0.7 },
      { candidate: 1, score: 0.2 },
    ],
    rationale: "2 is right",
  },
};
const critic =
  (score: number, confidence: number, verdict = "accept"): FakeModel =>
  async (call) =>
    structuredReply(call, { score, verdict, issues: [], confidence }, judgment);
const tracked: FakeModel = async (call) => {
  await sleep(100);
  return structuredReply(call, { score: 0.5, verdict: "revise", issues: ["x"], confidence: 0.5 }, judgment);
};

const executor = fakeExecutor({
  "good-a": critic(1, 0.9),
  "good-b": critic(0, 0.1, "reject"),
  failing: async () => {
    throw providerFailure("failing");
  },
  slow: hangUntilAborted,
  "slow-2": hangUntilAborted,
  "slow-3": hangUntilAborted,
  garbled: async () => "I think it is fine, 8/10.",
  "garbled-once": async (call, context, n) => (n === 1 ? "Sure! {score: 0.8" : critic(0.6, 0.7, "revise")(call, context, n)),
  ...Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`tracked-${index + 1}`, tracked])),
});
let selectorAnswer: (call: { model: string }) => Promise<void> = async () => undefined;
const selector = fakeSelector((request) => selectorAnswer(request));

const feedback = createSelectorFeedback(selector.client, { timeoutMs: 300, maxInFlight: 4, logger: createLogger({ service: "critic-test", level: "silent" }) });

let running: TestCritic;
let metrics: ServiceMetrics;
let critics: Client<typeof CriticService>;

beforeAll(async () => {
  running = await startTestCritic(executor.client, feedback, executor.models);
  ({ metrics, client: critics } = running);
});
afterAll(async () => {
  await feedback.idle();
  await running?.server.stop();
});
beforeEach(async () => {
  await feedback.idle();
  executor.reset();
  selector.received.length = 0;
  selector.settled.length = 0;
  selectorAnswer = async () => undefined;
});

const question = [{ role: "user", content: "What is 2 + 2?" }];
const critique = (names: string[], extra: Record<string, unknown> = {}) => ({
  messages: question,
  answer: "4",
  answerModel: "sim-small",
  critics: names,
  ...extra,
});

async function counterValue(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const match = metric?.values.find((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label));
  return match?.value ?? 0;
}

describe("CriticService.Critique", () => {
  it("returns partial results: one valid critique, one failed, one timed out, one malformed twice", async () => {
    const response = await critiques(["good-a", "failing", "slow", "garbled"], 3_000);
    const byModel = Object.fromEntries(response.critiques.map((item) => [item.criticModel, item]));
    expect(response.critiques.map((item) => item.criticModel)).toEqual(["good-a", "failing", "slow", "garbled"]);
    expect(byModel["good-a"]).toMatchObject({ status: CritiqueStatus.OK, score: 1, verdict: Verdict.ACCEPT, confidence: 0.9, costNanoUsd: callCost });
    expect(byModel["failing"]).toMatchObject({ status: CritiqueStatus.FAILED, score: 0, verdict: Verdict.UNSPECIFIED });
    expect(byModel["failing"]?.errorMessage).toMatch(/^unavailable: simulator: The engine is currently overloaded/);
    expect(byModel["failing"]?.attempts.map((attempt) => attempt.attemptId)).toEqual(["failing-failed"]);
    expect(byModel["slow"]).toMatchObject({ status: CritiqueStatus.TIMED_OUT, score: 0 });
    expect(executor.callsTo("slow")[0]?.aborted).toBe(true);
    expect(byModel["garbled"]).toMatchObject({ status: CritiqueStatus.MALFORMED, score: 0, verdict: Verdict.UNSPECIFIED, costNanoUsd: 2n * callCost });
    expect(byModel["garbled"]?.errorMessage).toMatch(/two replies were not valid: the reply is not a JSON object/);
    expect(byModel["garbled"]?.attempts).toHaveLength(2);
    expect(response).toMatchObject({ succeeded: 1, failed: 3, aggregateScore: 1, consensus: 1, totalCostNanoUsd: 3n * callCost });
  });

  it("retries a malformed reply once with a corrective turn, and keeps both calls' attempts and cost", async () => {
    const response = await critiques(["garbled-once"]);
    expect(response.critiques[0]).toMatchObject({ status: CritiqueStatus.OK, score: 0.6, verdict: Verdict.REVISE, costNanoUsd: 2n * callCost });
    const [first, retry] = executor.callsTo("garbled-once");
    expect(retry?.request.messages.slice(0, 2)).toEqual(first?.request.messages);
    expect(retry?.request.messages.slice(2).map((message) => message.role)).toEqual(["assistant", "user"]);
    expect(retry?.request.messages[2]?.content).toBe("Sure! {score: 0.8");
    expect(retry?.request.messages[3]?.content).toMatch(/not valid \(the reply is not a JSON object\).*score, verdict, issues and confidence/);
  });

  it("aggregates valid critiques by confidence and measures their consensus", async () => {
    const response = await critiques(["good-a", "good-b"]);
    expect(response.aggregateScore).toBeCloseTo(0.9, 10);
    // Weighted deviation of {1 (0.9), 0 (0.1)} is 0.3, so consensus is 0.4.
    expect(response.consensus).toBeCloseTo(0.4, 10);
    expect(response).toMatchObject({ succeeded: 2, failed: 0 });
  });

  it("sends the aggregate to the selector as critic feedback for the answer's model, with the request's id", async () => {
    const response = await critics.critique(critique(["good-a", "good-b"]), { headers: { "x-request-id": "req-feedback" } });
    await feedback.idle();
    expect(selector.received).toHaveLength(1);
    expect(selector.received[0]?.request).toMatchObject({
      requestId: "req-feedback",
      model: "sim-small",
      quality: response.aggregateScore,
      source: FeedbackSource.CRITIC,
    });
    expect(selector.received[0]?.request.messages.map((message) => message.content)).toEqual(["What is 2 + 2?"]);
    expect(selector.received[0]?.requestId).toBe("req-feedback");
    expect(await counterValue("critic_feedback_total", { outcome: "sent" })).toBeGreaterThanOrEqual(1);
  });

  it("ignores a selector that refuses feedback, and never waits for a slow one", async () => {
    selectorAnswer = async () => {
      throw new ConnectError("this selector serves no Feedback", Code.Unimplemented);
    };
    const failedBefore = await counterValue("critic_feedback_total", { outcome: "failed" });
    await expect(critiques(["good-a"])).resolves.toMatchObject({ succeeded: 1 });
    await feedback.idle();
    expect(await counterValue("critic_feedback_total", { outcome: "failed" })).toBe(failedBefore + 1);

    let release: () => void = () => undefined;
    selectorAnswer = () =>
      new Promise((resolve) => {
        release = resolve;
      });
    await expect(critiques(["good-a"])).resolves.toMatchObject({ succeeded: 1 });
    expect(selector.received).toHaveLength(2);
    expect(selector.settled).toHaveLength(1);
    release();
    await feedback.idle();
  });

  it("sends no feedback without a valid critique or without the answer's model", async () => {
    await critiques(["garbled"]);
    await critics.critique(critique(["good-a"], { answerModel: "" }));
    await feedback.idle();
    expect(selector.received).toHaveLength(0);
  });

  it("runs at most max_concurrency critics at once, and all at once when it is zero", async () => {
    const six = Array.from({ length: 6 }, (_, index) => `tracked-${index + 1}`);
    const bounded = await critics.critique(critique(six, { maxConcurrency: 2 }));
    expect(bounded.succeeded).toBe(6);
    expect(executor.maxInFlight()).toBe(2);
    executor.reset();
    await critics.critique(critique(six, { maxConcurrency: 0 }));
    expect(executor.maxInFlight()).toBe(6);
  });

  it("shares one deadline: critics still queued when it passes are timed out without being called", async () => {
    const response = await critiques(["slow", "slow-2", "slow-3"], 2_000, { maxConcurrency: 1 });
    expect(response.critiques.map((item) => item.status)).toEqual([CritiqueStatus.TIMED_OUT, CritiqueStatus.TIMED_OUT, CritiqueStatus.TIMED_OUT]);
    expect(response.critiques[1]?.errorMessage).toMatch(/deadline passed before this model was called/);
    expect(executor.calls.map((call) => call.request.model)).toEqual(["slow"]);
    expect(executor.calls[0]?.timeoutMs).toBeLessThanOrEqual(2_000);
  });

  it("stops every critic call when the caller cancels", async () => {
    const controller = new AbortController();
    const pending = failure(critics.critique(critique(["slow", "slow-2"]), { signal: controller.signal }));
    await expect.poll(() => executor.inFlight(), { timeout: 5_000 }).toBe(2);
    controller.abort();
    expect((await pending).code).toBe(Code.Canceled);
    await expect.poll(() => executor.calls.filter((call) => call.aborted).length, { timeout: 5_000 }).toBe(2);
  });

  it("passes the caller's accounting context on, filling the request id and strategy", async () => {
    await critics.critique(critique(["good-a"], { context: { reservationId: "res-1", tags: { team: "search" } } }), { headers: { "x-request-id": "req-ctx" } });
    const call = executor.calls[0] as ExecutorCall;
    expect(call.request.context).toMatchObject({
      requestId: "req-ctx",
      strategy: "critique",
      reservationId: "res-1",
      tags: { team: "search", switchyard_role: "critic" },
    });
    expect(call.requestId).toBe("req-ctx");
    expect(call.request.params).toMatchObject({ temperature: 0, maxOutputTokens: 256 });
  });

  it("refuses bad input before calling any critic", async () => {
    expect(await failure(critics.critique(critique([])))).toMatchObject({ code: Code.InvalidArgument, rawMessage: "critics: at least one model is required" });
    expect(await failure(critics.critique(critique(["good-a", "good-a"])))).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'critics[1]: "good-a" is listed twice',
    });
    expect(await failure(critics.critique(critique(["gpt-9"])))).toMatchObject({ code: Code.NotFound, rawMessage: 'critics[0]: unknown model "gpt-9"' });
    expect(await failure(critics.critique(critique(["good-a"], { answer: "  " })))).toMatchObject({ code: Code.InvalidArgument });
    expect(await failure(critics.critique(critique(["good-a"], { messages: [{ role: "robot", content: "hi" }] })))).toMatchObject({
      code: Code.InvalidArgument,
    });
    expect(await failure(critics.critique(critique(["good-a"], { answer: "x".repeat(2_000) })))).toMatchObject({ code: Code.InvalidArgument });
    expect((await failure(critics.critique(critique(Array.from({ length: 9 }, (_, index) => `m${index}`))))).rawMessage).toMatch(/over the limit of 8/);
    const denied = await failure(critics.critique(critique(["good-a", "good-b"]), { headers: { "x-switchyard-tenant": "acme" } }));
    expect(denied).toMatchObject({ code: Code.PermissionDenied, rawMessage: 'critics[1]: tenant "acme" may not use model "good-b"' });
    expect(executor.calls).toHaveLength(0);
  });
});

function critiques(names: string[], timeoutMs?: number, extra: Record<string, unknown> = {}) {
  return critics.critique(critique(names, extra), timeoutMs === undefined ? {} : { timeoutMs });
}
