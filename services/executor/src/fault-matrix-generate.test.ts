import { Code } from "@connectrpc/connect";
import { ErrorInfoSchema, RetryInfoSchema } from "@switchyard/contracts/google/rpc/error_details_pb";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { BreakerState, GenerateResponseSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { promptTokens, splitTokens } from "@switchyard/provider-sim";
import { errorDetailOf, errorReasonOf } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import { costAt } from "./test-support/fault-fixture.js";
import { ask, asAcme, useFaultMatrix } from "./test-support/fault-matrix-suite.js";
import { failureOf } from "./test-support/stream-collector.js";

const models = {
  "retry-after": "",
  "deadline-429": "",
  "flaky-500": "",
  "burst-503": "breaker: { minRequests: 3, errorRate: 0.5, cooldownMs: 300 }",
  stall: "limits: { attemptTimeoutMs: 250 }",
  "caller-deadline": "",
  ctx: "",
  badkey: "",
  garbled: "",
  "cancel-gen": "",
  capped: "limits: { maxConcurrency: 1, maxQueue: 1 }",
};
const suite = useFaultMatrix(models);
const { eventsOf } = suite;
const stats = (model: string) => suite.sim.stats.for(model);
const outcomes = (attempts: readonly { outcome: AttemptOutcome; errorCode: string; billed: boolean }[]) =>
  attempts.map((attempt) => [AttemptOutcome[attempt.outcome], attempt.errorCode, attempt.billed]);

describe("fault matrix: Generate against the provider simulator", () => {
  it("429 with Retry-After: waits at least that long, retries once, bills only the success", async () => {
    const messages = ask("Say hi [[sim:rate_limit retry_after_ms=300 times=1]]");
    const response = await suite.executor.client.generate({ model: "retry-after", messages, context: { requestId: "req-429" } }, asAcme);
    expect(outcomes(response.attempts)).toEqual([
      ["FAILED", "resource_exhausted", false],
      ["SUCCEEDED", "", true],
    ]);
    expect(response.latencyMs).toBeGreaterThanOrEqual(300);
    // The call's time to first token counts the wait; the retry's own counts from when it was sent.
    const retry = response.attempts[1]!;
    expect(response.timeToFirstTokenMs).toBeGreaterThanOrEqual(300);
    expect(retry.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(retry.timeToFirstTokenMs).toBeLessThanOrEqual(retry.latencyMs);
    const [input, output] = [promptTokens(messages), splitTokens(response.text).length];
    expect(response.usage).toMatchObject({ inputTokens: BigInt(input), outputTokens: BigInt(output), estimated: false });
    expect(response.costNanoUsd).toBe(costAt(input, output));
    expect(stats("retry-after").requests).toBe(2);
    expect(
      eventsOf("retry-after").map((event) => [
        event.eventId,
        event.attemptNumber,
        event.billed,
        event.costNanoUsd,
        event.errorCode,
        event.requestId,
        event.tenant,
      ]),
    ).toEqual([
      [response.attempts[0]!.attemptId, 1, false, 0n, "resource_exhausted", "req-429", "acme"],
      [response.attempts[1]!.attemptId, 2, true, costAt(input, output), "", "req-429", "acme"],
    ]);
  });

  it("429 whose Retry-After ends past the caller's deadline: no wait, RESOURCE_EXHAUSTED with the delay", async () => {
    const error = await failureOf(
      suite.executor.client.generate({ model: "deadline-429", messages: ask("Hi [[sim:rate_limit retry_after_ms=5000]]") }, { ...asAcme, timeoutMs: 2_000 }),
    );
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.findDetails(RetryInfoSchema)[0]?.retryDelay).toMatchObject({ seconds: 5n, nanos: 0 });
    const itemised = error.findDetails(GenerateResponseSchema)[0];
    expect(outcomes(itemised?.attempts ?? [])).toEqual([["FAILED", "resource_exhausted", false]]);
    expect(stats("deadline-429").requests).toBe(1);
    expect(eventsOf("deadline-429").map((event) => [event.outcome, event.billed, event.costNanoUsd])).toEqual([[AttemptOutcome.FAILED, false, 0n]]);
  });

  it("500 then success: one retry, the failed attempt itemised and not billed", async () => {
    const response = await suite.executor.client.generate({ model: "flaky-500", messages: ask("Hi [[sim:server_error times=1]]") }, asAcme);
    expect(outcomes(response.attempts)).toEqual([
      ["FAILED", "unavailable", false],
      ["SUCCEEDED", "", true],
    ]);
    expect(response.attempts[0]!.errorMessage).toMatch(/The server had an error/);
    expect(eventsOf("flaky-500").map((event) => [event.eventId, event.billed])).toEqual(
      response.attempts.map((attempt) => [attempt.attemptId, attempt.billed]),
    );
    expect(stats("flaky-500").requests).toBe(2);
  });

  it("503 burst opens the breaker; calls are refused unsent; a failed probe reopens it; a good probe closes it", async () => {
    const model = "burst-503";
    const state = async () => (await suite.executor.client.listModels({})).models.find((entry) => entry.model === model)!;
    suite.sim.faults.enqueue(model, { kind: "unavailable", times: 3 });
    for (let call = 0; call < 3; call += 1) {
      expect((await failureOf(suite.executor.client.generate({ model, messages: ask("Hi"), maxAttempts: 1 }, asAcme))).code).toBe(Code.Unavailable);
    }
    expect(await state()).toMatchObject({ breakerState: BreakerState.OPEN, recentErrorRate: 1 });
    const refused = await failureOf(suite.executor.client.generate({ model, messages: ask("Hi"), maxAttempts: 1 }, asAcme));
    expect(refused.code).toBe(Code.Unavailable);
    expect(errorDetailOf(refused)).toMatchObject({ reason: ErrorReason.CIRCUIT_OPEN, model });
    expect(refused.findDetails(RetryInfoSchema)).toHaveLength(1);
    expect(outcomes(refused.findDetails(GenerateResponseSchema)[0]!.attempts)).toEqual([["REJECTED", "unavailable", false]]);
    expect([stats(model).requests, eventsOf(model).length]).toEqual([3, 3]);

    await expect.poll(async () => (await state()).breakerState, { timeout: 10_000 }).toBe(BreakerState.HALF_OPEN);
    suite.sim.faults.enqueue(model, { kind: "unavailable", times: 1 });
    expect((await failureOf(suite.executor.client.generate({ model, messages: ask("Hi"), maxAttempts: 1 }, asAcme))).code).toBe(Code.Unavailable);
    expect((await state()).breakerState).toBe(BreakerState.OPEN);

    await expect.poll(async () => (await state()).breakerState, { timeout: 10_000 }).toBe(BreakerState.HALF_OPEN);
    const recovered = await suite.executor.client.generate({ model, messages: ask("Hi"), maxAttempts: 1 }, asAcme);
    expect(outcomes(recovered.attempts)).toEqual([["SUCCEEDED", "", true]]);
    expect(await state()).toMatchObject({ breakerState: BreakerState.CLOSED, recentErrorRate: 0 });
    expect([stats(model).requests, eventsOf(model).length]).toEqual([5, 5]);
  });

  it("a stall hits the per-attempt timeout: the provider call is aborted and retried", async () => {
    const response = await suite.executor.client.generate({ model: "stall", messages: ask("Hi [[sim:stall times=1]]") }, asAcme);
    expect(outcomes(response.attempts)).toEqual([
      ["FAILED", "deadline_exceeded", false],
      ["SUCCEEDED", "", true],
    ]);
    expect(response.attempts[0]!.errorMessage).toMatch(/no answer within 250 ms/);
    await expect.poll(() => stats("stall").aborted, { timeout: 5_000 }).toBe(1);
    expect(eventsOf("stall").map((event) => [event.outcome, event.billed])).toEqual([
      [AttemptOutcome.FAILED, false],
      [AttemptOutcome.SUCCEEDED, true],
    ]);
  });

  it("the caller's gRPC deadline wins over a longer attempt timeout: the provider call is aborted", async () => {
    const error = await failureOf(
      suite.executor.client.generate({ model: "caller-deadline", messages: ask("Hi [[sim:stall]]") }, { ...asAcme, timeoutMs: 400 }),
    );
    expect(error.code).toBe(Code.DeadlineExceeded);
    await expect.poll(() => stats("caller-deadline").aborted, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => eventsOf("caller-deadline").length, { timeout: 5_000 }).toBe(1);
    expect(eventsOf("caller-deadline")[0]).toMatchObject({ outcome: AttemptOutcome.CANCELLED, errorCode: "deadline_exceeded", billed: false, costNanoUsd: 0n });
    expect(stats("caller-deadline").requests).toBe(1);
  });

  it("a context-length 400 is FAILED_PRECONDITION with CONTEXT_LENGTH_EXCEEDED, never retried", async () => {
    const error = await failureOf(suite.executor.client.generate({ model: "ctx", messages: ask("Hi [[sim:context_length]]") }, asAcme));
    expect(error.code).toBe(Code.FailedPrecondition);
    expect(error.rawMessage).toMatch(/maximum context length/);
    expect(errorDetailOf(error)).toMatchObject({ reason: ErrorReason.CONTEXT_LENGTH_EXCEEDED, model: "ctx", providerStatus: 400 });
    // The deprecated string stays on the wire for older readers.
    expect(error.findDetails(ErrorInfoSchema)[0]).toMatchObject({ reason: "CONTEXT_LENGTH_EXCEEDED", domain: "switchyard.dev" });
    expect([stats("ctx").requests, eventsOf("ctx").length, eventsOf("ctx")[0]?.billed]).toEqual([1, 1, false]);
  });

  it("a bad key is PERMISSION_DENIED, never retried", async () => {
    const error = await failureOf(suite.executor.client.generate({ model: "badkey", messages: ask("Hi [[sim:bad_key]]") }, asAcme));
    expect(error.code).toBe(Code.PermissionDenied);
    expect(error.rawMessage).toMatch(/^simulator: Incorrect API key/);
    expect([stats("badkey").requests, eventsOf("badkey").length]).toEqual([1, 1]);
  });

  it("an unparsable answer is retried and the retry bills normally", async () => {
    const response = await suite.executor.client.generate({ model: "garbled", messages: ask("Hi [[sim:malformed times=1]]") }, asAcme);
    expect(outcomes(response.attempts)).toEqual([
      ["FAILED", "unavailable", false],
      ["SUCCEEDED", "", true],
    ]);
    expect(response.attempts[0]!.errorMessage).toMatch(/unparsable|unexpected response/);
  });

  it("caller cancellation aborts the provider call and bills nothing the provider did not count", async () => {
    const controller = new AbortController();
    const call = failureOf(
      suite.executor.client.generate({ model: "cancel-gen", messages: ask("Hi [[sim:stall]]") }, { ...asAcme, signal: controller.signal }),
    );
    await expect.poll(() => stats("cancel-gen").inFlight, { timeout: 5_000 }).toBe(1);
    controller.abort();
    expect((await call).code).toBe(Code.Canceled);
    await expect.poll(() => stats("cancel-gen").aborted, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => eventsOf("cancel-gen").length, { timeout: 5_000 }).toBe(1);
    expect(eventsOf("cancel-gen")[0]).toMatchObject({ outcome: AttemptOutcome.CANCELLED, billed: false, costNanoUsd: 0n, errorCode: "canceled" });
  });

  it("concurrency cap 1 with a queue of 1: the third call is refused at once, unsent and unbilled", async () => {
    const model = "capped";
    const slow = { model, messages: ask("Hi [[sim:slow_first_token delay_ms=400]]"), maxAttempts: 1 };
    const first = suite.executor.client.generate(slow, asAcme);
    await expect.poll(() => stats(model).inFlight, { timeout: 5_000 }).toBe(1);
    const second = suite.executor.client.generate(slow, asAcme);
    await expect
      .poll(async () => (await suite.executor.client.listModels({})).models.find((entry) => entry.model === model)?.queued, { timeout: 5_000 })
      .toBe(1);
    const third = await failureOf(suite.executor.client.generate(slow, asAcme));
    expect(third.code).toBe(Code.ResourceExhausted);
    expect(errorReasonOf(third)).toBe(ErrorReason.QUEUE_FULL);
    expect(outcomes(third.findDetails(GenerateResponseSchema)[0]!.attempts)).toEqual([["REJECTED", "resource_exhausted", false]]);
    expect((await Promise.all([first, second])).map((response) => response.attempts.length)).toEqual([1, 1]);
    expect([stats(model).requests, stats(model).maxInFlight, eventsOf(model).length]).toEqual([2, 1, 2]);
  });
});
