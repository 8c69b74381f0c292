import { Code } from "@connectrpc/connect";
import { CritiqueStatus, JudgeMode } from "@switchyard/contracts/switchyard/v1/critic_pb";
import { createLogger } from "@switchyard/runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSelectorFeedback } from "./selector-feedback.js";
import type { FakeModel } from "./test-support/fake-peers.js";
import { callCost, fakeExecutor, fakeSelector, failure, hangUntilAborted, providerFailure, structuredReply } from "./test-support/fake-peers.js";
import type { TestCritic } from "./test-support/start-critic.js";
import { startTestCritic } from "./test-support/start-critic.js";

const critique = { score: 0.5, verdict: "revise", confidence: 0.5 };
const judge =
  (pick: Record<string, unknown>, rank: Record<string, unknown>): FakeModel =>
  async (call) =>
    structuredReply(call, critique, { pick, rank });
const rankOf = (...order: [number, number][]) => ({ ranking: order.map(([candidate, score]) => ({ candidate, score })), rationale: "ranked" });

const executor = fakeExecutor({
  "good-a": judge({ best: 2, score: 0.8, rationale: "two is right" }, rankOf([3, 0.9], [1, 0.6], [2, 0.1])),
  "good-b": judge({ best: 1, score: 0.6 }, rankOf([1, 0.9], [2, 0.6], [3, 0.1])),
  failing: async () => {
    throw providerFailure("failing");
  },
  garbled: judge({ best: 7 }, rankOf([1, 0.5])),
  slow: hangUntilAborted,
});
const selector = fakeSelector(async () => undefined);
const feedback = createSelectorFeedback(selector.client, { timeoutMs: 300, maxInFlight: 4, logger: createLogger({ service: "critic-test", level: "silent" }) });

let critic: TestCritic;
beforeAll(async () => {
  critic = await startTestCritic(executor.client, feedback, executor.models);
});
afterAll(() => critic?.server.stop());
beforeEach(() => executor.reset());

const candidates = [
  { model: "sim-small", answer: "5" },
  { model: "sim-medium", answer: "4" },
  { model: "sim-large", answer: "four" },
];
const judgeRequest = (judges: string[], extra: Record<string, unknown> = {}) => ({
  messages: [{ role: "user", content: "What is 2 + 2?" }],
  candidates,
  judges,
  mode: JudgeMode.PICK,
  ...extra,
});

describe("CriticService.Judge", () => {
  it("picks the best candidate with the first judge that answers validly", async () => {
    const response = await critic.client.judge(judgeRequest(["good-a", "good-b"]));
    expect(response).toMatchObject({ bestIndex: 1, judgeModel: "good-a", rationale: "two is right", costNanoUsd: callCost, fallbacks: [] });
    expect(response.ranking).toEqual([expect.objectContaining({ index: 1, model: "sim-medium", score: 0.8, rank: 1 })]);
    expect(response.attempts.map((attempt) => attempt.attemptId)).toEqual(["good-a-1"]);
    expect(executor.calls.map((call) => call.request.model)).toEqual(["good-a"]);
    expect(executor.calls[0]?.request.context).toMatchObject({ strategy: "judge", tags: { switchyard_role: "judge" } });
  });

  it("ranks every candidate, best first, when asked to rank", async () => {
    const response = await critic.client.judge(judgeRequest(["good-a"], { mode: JudgeMode.RANK }));
    expect(response.bestIndex).toBe(2);
    expect(response.ranking.map((entry) => [entry.index, entry.model, entry.score, entry.rank])).toEqual([
      [2, "sim-large", 0.9, 1],
      [0, "sim-small", 0.6, 2],
      [1, "sim-medium", 0.1, 3],
    ]);
  });

  it("falls back to the next judge when one fails or answers malformed twice, and itemises every call", async () => {
    const response = await critic.client.judge(judgeRequest(["failing", "garbled", "good-b"]));
    expect(response).toMatchObject({ bestIndex: 0, judgeModel: "good-b" });
    expect(response.fallbacks.map((fallback) => [fallback.judgeModel, fallback.status])).toEqual([
      ["failing", CritiqueStatus.FAILED],
      ["garbled", CritiqueStatus.MALFORMED],
    ]);
    expect(response.fallbacks[1]?.errorMessage).toMatch(/best: there are only 3 candidates/);
    expect(response.attempts.map((attempt) => attempt.attemptId)).toEqual(["failing-failed", "garbled-1", "garbled-2", "good-b-1"]);
    expect(response.costNanoUsd).toBe(3n * callCost);
  });

  it("fails with UNAVAILABLE and every judge's reason when no judge decides", async () => {
    const error = await failure(critic.client.judge(judgeRequest(["failing", "garbled"])));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toMatch(/^no judge gave a valid verdict: failing: failed \(unavailable: .*\); garbled: malformed \(two replies were not valid/);
  });

  it("fails with DEADLINE_EXCEEDED naming the judges not asked when the shared deadline passes", async () => {
    const error = await failure(critic.client.judge(judgeRequest(["slow", "good-a"]), { timeoutMs: 2_000 }));
    expect(error.code).toBe(Code.DeadlineExceeded);
    expect(error.rawMessage).toMatch(/slow: timed_out .*not asked before the deadline: good-a$/);
    expect(executor.callsTo("good-a")).toHaveLength(0);
  });

  it("needs no judge for a single candidate", async () => {
    const response = await critic.client.judge(judgeRequest(["good-a"], { candidates: [candidates[1]] }));
    expect(response).toMatchObject({ bestIndex: 0, judgeModel: "", costNanoUsd: 0n });
    expect(response.ranking[0]).toMatchObject({ model: "sim-medium", rank: 1 });
    expect(executor.calls).toHaveLength(0);
  });

  it("refuses bad input before calling any judge", async () => {
    expect(await failure(critic.client.judge(judgeRequest(["good-a"], { candidates: [] })))).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "candidates: at least one candidate is required",
    });
    expect(await failure(critic.client.judge(judgeRequest([])))).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "judges: at least one model is required",
    });
    expect(await failure(critic.client.judge(judgeRequest(["nope"])))).toMatchObject({ code: Code.NotFound });
    expect(await failure(critic.client.judge(judgeRequest(["good-a"], { mode: 9 })))).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "mode: unknown judge mode 9; use JUDGE_MODE_PICK or JUDGE_MODE_RANK",
    });
    const five = Array.from({ length: 5 }, (_, index) => ({ model: `m${index}`, answer: "x" }));
    expect((await failure(critic.client.judge(judgeRequest(["good-a"], { candidates: five })))).rawMessage).toMatch(/5 candidates, over the limit of 4/);
    expect(executor.calls).toHaveLength(0);
  });
});
