import { Code } from "@connectrpc/connect";
import { AttemptOutcome, FinishReason } from "@switchyard/contracts/switchyard/v1/common_pb";
import { BreakerState, GenerateResponseSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { loadModelPricing } from "@switchyard/pricing";
import { defaultSimModels, promptTokens, scaleLatency, splitTokens, startSimServer } from "@switchyard/provider-sim";
import type { RunningSim } from "@switchyard/provider-sim";
import { parseSwitchyardConfig } from "@switchyard/runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ExecutorHarness } from "./test-support/executor-harness.js";
import { createMemoryCostSink, startExecutorHarness } from "./test-support/executor-harness.js";
import { failureOf } from "./test-support/stream-collector.js";

const configText = `
providers:
  simulator: { kind: openai, baseUrl: "\${SIM_URL}/v1", simulated: true }
  simulator-ollama: { kind: ollama, baseUrl: "\${SIM_URL}", simulated: true }
models:
  sim-small: { provider: simulator, price: { inputPerMillion: "0.10", outputPerMillion: "0.40" } }
  sim-ollama: { provider: simulator-ollama, price: { inputPerMillion: "1", outputPerMillion: "2" } }
  sim-medium: { provider: simulator, contextWindow: 32768, price: { inputPerMillion: "0", outputPerMillion: "0" } }
  sim-large: { provider: simulator, price: { inputPerMillion: "3", outputPerMillion: "15" }, limits: { requestsPerMinute: 6, tokensPerMinute: 600, maxConcurrency: 4 } }
tenants: { acme: {} }
`;

const costs = createMemoryCostSink();
let sim: RunningSim;
let executor: ExecutorHarness;

beforeAll(async () => {
  sim = await startSimServer({ models: scaleLatency(defaultSimModels, 0.02) }, "127.0.0.1", 0);
  executor = await startExecutorHarness({ configText, simUrl: sim.url, costs });
});
afterAll(async () => {
  await executor?.stop();
  await sim?.close();
});
beforeEach(() => {
  costs.events.length = 0;
  sim.faults.reset();
  sim.stats.reset();
});

const asAcme = { headers: { "x-switchyard-tenant": "acme", "x-request-id": "req-7" } };
const messages = [{ role: "user", content: "Say hi" }];

describe("ExecutorService.Generate", () => {
  it("answers through the openai SDK, prices the usage exactly and publishes one cost event", async () => {
    const response = await executor.client.generate(
      { model: "sim-small", messages, context: { requestId: "req-7", strategy: "pinned", reservationId: "res-1", tags: { team: "a" } } },
      asAcme,
    );
    const [input, output] = [promptTokens(messages), splitTokens(response.text).length];
    const expectedCost = BigInt(input) * 100n + BigInt(output) * 400n;
    expect(response).toMatchObject({
      model: "sim-small",
      provider: "simulator",
      providerModel: "sim-small",
      simulated: true,
      finishReason: FinishReason.STOP,
      costNanoUsd: expectedCost,
    });
    expect(response.usage).toMatchObject({ inputTokens: BigInt(input), outputTokens: BigInt(output), totalTokens: BigInt(input + output), estimated: false });
    expect(costs.events).toHaveLength(1);
    expect(costs.events[0]).toMatchObject({
      eventId: response.attempts[0]!.attemptId,
      tenant: "acme",
      requestId: "req-7",
      strategy: "pinned",
      reservationId: "res-1",
      tags: { team: "a" },
      costNanoUsd: expectedCost,
      billed: true,
      outcome: AttemptOutcome.SUCCEEDED,
      attemptNumber: 1,
      simulated: true,
    });
  });

  it("answers through the ollama SDK for an Ollama-protocol model", async () => {
    const response = await executor.client.generate({ model: "sim-ollama", messages }, asAcme);
    expect(response.text).toMatch(/^\[simulated sim-ollama\]/);
    expect(response.costNanoUsd).toBe(BigInt(promptTokens(messages)) * 1_000n + BigInt(splitTokens(response.text).length) * 2_000n);
  });

  it("passes sampling settings and provider options to the provider", async () => {
    const response = await executor.client.generate(
      { model: "sim-small", messages, params: { maxOutputTokens: 3, logprobs: true }, providerOptions: { user: "u-1", provider: { order: ["a"] } } },
      asAcme,
    );
    expect(response.usage?.outputTokens).toBe(3n);
    expect(response.finishReason).toBe(FinishReason.LENGTH);
    expect(response.meanLogprob).toBeLessThan(0);
  });

  it("with max_attempts 1 (a router's cascade) does not retry", async () => {
    const error = await failureOf(
      executor.client.generate({ model: "sim-medium", messages: [{ role: "user", content: "hi [[sim:server_error times=1]]" }], maxAttempts: 1 }, asAcme),
    );
    expect(error.code).toBe(Code.Unavailable);
    expect(error.findDetails(GenerateResponseSchema)[0]?.attempts).toHaveLength(1);
    expect(sim.stats.for("sim-medium").requests).toBe(1);
  });

  it("refuses bad requests before any attempt, with a message that says what is wrong", async () => {
    const unknown = await failureOf(executor.client.generate({ model: "nope", messages }, asAcme));
    expect([unknown.code, unknown.rawMessage]).toEqual([
      Code.NotFound,
      'model "nope" is not served here; known models: sim-small, sim-ollama, sim-medium, sim-large',
    ]);
    expect(await failureOf(executor.client.generate({ model: "sim-small", messages: [] }, asAcme))).toMatchObject({ code: Code.InvalidArgument });
    const badOption = await failureOf(executor.client.generate({ model: "sim-small", messages, providerOptions: { frequency_penalty: 9 } }, asAcme));
    expect([badOption.code, badOption.rawMessage]).toEqual([Code.InvalidArgument, expect.stringMatching(/^providerOptions\.frequency_penalty: /)]);
    const reserved = await failureOf(executor.client.generate({ model: "sim-small", messages, providerOptions: { stream: true } }, asAcme));
    expect(reserved.rawMessage).toMatch(/providerOptions\.stream: is set by the executor/);
    const ollamaOption = await failureOf(executor.client.generate({ model: "sim-ollama", messages, providerOptions: { nonsense: 1 } }, asAcme));
    expect(ollamaOption.code).toBe(Code.InvalidArgument);
    expect(await failureOf(executor.client.generate({ model: "sim-small", messages }))).toMatchObject({ code: Code.Unauthenticated });
    expect(costs.events).toHaveLength(0);
    expect(sim.stats.snapshot()).toEqual({});
  });
});

describe("ExecutorService.ListModels", () => {
  it("shows every served model with its price, tokenizer, limits and live state", async () => {
    await executor.client.generate({ model: "sim-large", messages }, asAcme);
    const { models } = await executor.client.listModels({});
    expect(models.map((model) => model.model)).toEqual(["sim-small", "sim-ollama", "sim-medium", "sim-large"]);
    const large = models[3]!;
    expect(large).toMatchObject({
      provider: "simulator",
      simulated: true,
      breakerState: BreakerState.CLOSED,
      inFlight: 0,
      queued: 0,
      tokenizer: "heuristic",
      requestsPerMinute: 6,
      tokensPerMinute: 600,
      maxConcurrency: 4,
      price: { inputNanoUsdPerMtok: 3_000_000_000n, outputNanoUsdPerMtok: 15_000_000_000n, source: "config" },
    });
    // Both buckets refill slowly (0.1 request and 10 tokens a second), so the call shows.
    expect(large.remainingRequests).toBeLessThan(6n);
    expect(large.remainingTokens).toBeLessThan(600n);
    expect(large.recentLatencyP50Ms).toBeGreaterThan(0);
    expect(models[2]!.price?.source).toBe("self-hosted");
  });
});

describe("pricing at start-up", () => {
  it("refuses a model without a known price instead of billing it as free", async () => {
    const config = parseSwitchyardConfig(configText.replace(', price: { inputPerMillion: "0.10", outputPerMillion: "0.40" }', ""), {
      SIM_URL: "http://127.0.0.1:1",
    });
    await expect(loadModelPricing(config)).rejects.toThrow(/model "sim-small" has no known price/);
  });
});
