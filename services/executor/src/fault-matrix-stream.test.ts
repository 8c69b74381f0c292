import { Code } from "@connectrpc/connect";
import { AttemptOutcome, FinishReason } from "@switchyard/contracts/switchyard/v1/common_pb";
import { heuristicTokenCount } from "@switchyard/pricing";
import { defaultAnswer, promptTokens, splitTokens } from "@switchyard/provider-sim";
import { describe, expect, it } from "vitest";
import { costAt } from "./test-support/fault-fixture.js";
import { ask, asAcme, useFaultMatrix } from "./test-support/fault-matrix-suite.js";
import { collectStream } from "./test-support/stream-collector.js";

const models = {
  "stream-ok": "",
  "ollama-stream-ok": "",
  cut: "",
  "ollama-cut": "",
  "bad-chunk": "",
  "early-garble": "",
  "early-500": "",
  "slow-start": "limits: { attemptTimeoutMs: 5000 }",
  "no-usage": "",
  "ollama-no-usage": "",
  "cancel-stream": "",
};
const suite = useFaultMatrix(models, (model) => (model.name === "cancel-stream" ? { ...model, tokensPerSecond: 20, answerTokens: 200 } : model));
const { eventsOf } = suite;
const stream = (model: string, content: string, options: { signal?: AbortSignal } = {}) =>
  suite.executor.client.streamGenerate({ model, messages: ask(content) }, { ...asAcme, ...options });

describe("fault matrix: StreamGenerate against the provider simulator", () => {
  it.each(["stream-ok", "ollama-stream-ok"])("%s: deltas as they come, then usage reported by the provider, cost, TTFT", async (model) => {
    const { deltas, completed, error } = await collectStream(stream(model, "Say hi"));
    expect(error).toBeUndefined();
    expect(deltas.length).toBeGreaterThan(1);
    expect(completed?.text).toBe(deltas.join(""));
    const [input, output] = [promptTokens(ask("Say hi")), splitTokens(deltas.join("")).length];
    expect(completed).toMatchObject({ finishReason: FinishReason.STOP, costNanoUsd: costAt(input, output), simulated: true });
    expect(completed?.usage).toMatchObject({ inputTokens: BigInt(input), outputTokens: BigInt(output), estimated: false });
    expect(completed!.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(completed!.timeToFirstTokenMs).toBeLessThanOrEqual(completed!.latencyMs);
    expect(eventsOf(model).map((event) => [event.eventId, event.billed, event.costNanoUsd])).toEqual([
      [completed!.attempts[0]!.attemptId, true, costAt(input, output)],
    ]);
  });

  it.each([
    ["cut", "Say hi [[sim:cut after_tokens=3]]", /connection to the provider failed|ended/],
    ["ollama-cut", "Say hi [[sim:cut after_tokens=3]]", /connection to the provider failed|ended/],
    ["bad-chunk", "Say hi [[sim:malformed after_tokens=2]]", /unparsable|unexpected response/],
  ])(
    "%s: a stream broken after tokens ends with a clear status, bills what was produced (estimated), never switches answers",
    async (model, content, message) => {
      const { deltas, completed, error } = await collectStream(stream(model, content));
      expect(error?.code).toBe(Code.Unavailable);
      expect(error?.rawMessage).toMatch(message);
      const text = deltas.join("");
      expect(text.length).toBeGreaterThan(0);
      const usage = { input: promptTokens(ask(content)), output: heuristicTokenCount(text) };
      expect(completed).toMatchObject({ text, finishReason: FinishReason.ERROR, costNanoUsd: costAt(usage.input, usage.output) });
      expect(completed?.usage).toMatchObject({ inputTokens: BigInt(usage.input), outputTokens: BigInt(usage.output), estimated: true });
      expect(completed?.attempts.map((attempt) => [AttemptOutcome[attempt.outcome], attempt.billed])).toEqual([["FAILED", true]]);
      expect(suite.sim.stats.for(model).requests).toBe(1);
      expect(eventsOf(model).map((event) => [event.eventId, event.outcome, event.billed, event.costNanoUsd, event.usage?.estimated])).toEqual([
        [completed!.attempts[0]!.attemptId, AttemptOutcome.FAILED, true, costAt(usage.input, usage.output), true],
      ]);
    },
  );

  it.each([
    ["early-garble", "Hi [[sim:malformed after_tokens=0 times=1]]"],
    ["early-500", "Hi [[sim:server_error times=1]]"],
  ])("%s: a failure before the first token is retried on the same stream", async (model, content) => {
    const { completed, error } = await collectStream(stream(model, content));
    expect(error).toBeUndefined();
    expect(completed?.attempts.map((attempt) => [AttemptOutcome[attempt.outcome], attempt.billed])).toEqual([
      ["FAILED", false],
      ["SUCCEEDED", true],
    ]);
    expect(eventsOf(model).map((event) => event.billed)).toEqual([false, true]);
  });

  it("a slow first token within the attempt timeout: TTFT shows the wait", async () => {
    const { completed, error } = await collectStream(stream("slow-start", "Hi [[sim:slow_first_token delay_ms=300]]"));
    expect(error).toBeUndefined();
    expect(completed!.timeToFirstTokenMs).toBeGreaterThanOrEqual(300);
    expect(completed!.attempts).toHaveLength(1);
  });

  it.each(["no-usage", "ollama-no-usage"])("%s: a stream without usage is counted by Switchyard and marked estimated", async (model) => {
    const content = "Hi [[sim:no_usage]]";
    const { completed, error } = await collectStream(stream(model, content));
    expect(error).toBeUndefined();
    const usage = { input: promptTokens(ask(content)), output: heuristicTokenCount(completed!.text) };
    expect(completed?.usage).toMatchObject({ inputTokens: BigInt(usage.input), outputTokens: BigInt(usage.output), estimated: true });
    expect(completed).toMatchObject({ finishReason: FinishReason.STOP, costNanoUsd: costAt(usage.input, usage.output) });
    expect(eventsOf(model)[0]).toMatchObject({ outcome: AttemptOutcome.SUCCEEDED, billed: true, costNanoUsd: costAt(usage.input, usage.output) });
  });

  it("caller cancellation mid-stream aborts the provider call and bills only the tokens that arrived", async () => {
    const controller = new AbortController();
    const { deltas, error } = await collectStream(stream("cancel-stream", "Tell me a long story", { signal: controller.signal }), () => controller.abort());
    expect(error?.code).toBe(Code.Canceled);
    expect(deltas.length).toBeGreaterThanOrEqual(1);
    await expect.poll(() => suite.sim.stats.for("cancel-stream").aborted, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => eventsOf("cancel-stream").length, { timeout: 5_000 }).toBe(1);
    const event = eventsOf("cancel-stream")[0]!;
    expect(event).toMatchObject({ outcome: AttemptOutcome.CANCELLED, billed: true, errorCode: "canceled" });
    expect(event.usage?.estimated).toBe(true);
    // Billed: the prompt, and at least what reached the client but nothing beyond what the provider sent.
    const sentBySim = splitTokens(defaultAnswer("cancel-stream", ask("Tell me a long story"), 200))
      .slice(0, suite.sim.stats.for("cancel-stream").tokensSent)
      .join("");
    expect(suite.sim.stats.for("cancel-stream").tokensSent).toBeLessThan(200);
    expect(event.usage!.inputTokens).toBe(BigInt(promptTokens(ask("Tell me a long story"))));
    expect(event.usage!.outputTokens).toBeGreaterThanOrEqual(BigInt(heuristicTokenCount(deltas.join(""))));
    expect(event.usage!.outputTokens).toBeLessThanOrEqual(BigInt(heuristicTokenCount(sentBySim)));
    expect(event.costNanoUsd).toBe(costAt(event.usage!.inputTokens, event.usage!.outputTokens));
  });
});
