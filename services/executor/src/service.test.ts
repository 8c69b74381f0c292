import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { ErrorInfoSchema, RetryInfoSchema } from "@switchyard/contracts/google/rpc/error_details_pb";
import { AttemptOutcome, FinishReason } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { defaultSimModels, promptTokens, scaleLatency, splitTokens, startSimServer } from "@switchyard/provider-sim";
import type { RunningSim } from "@switchyard/provider-sim";
import { createLogger, createServiceMetrics, parseSwitchyardConfig } from "@switchyard/runtime";
import type { RunningService } from "@switchyard/runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDeployments } from "./model-deployments.js";
import { build } from "./server.js";

const configText = `
providers:
  simulator: { kind: openai, baseUrl: "\${SIM_URL}/v1", simulated: true }
  simulator-ollama: { kind: ollama, baseUrl: "\${SIM_URL}", simulated: true }
models:
  sim-small: { provider: simulator, price: { inputPerMillion: "0.10", outputPerMillion: "0.40" } }
  sim-ollama: { provider: simulator-ollama, price: { inputPerMillion: "1", outputPerMillion: "2" } }
tenants: { acme: {} }
`;

let sim: RunningSim;
let executor: RunningService;
let client: Client<typeof ExecutorService>;
const published: CostEvent[] = [];
let ids = 0;

beforeAll(async () => {
  sim = await startSimServer({ models: scaleLatency(defaultSimModels, 0.02) }, "127.0.0.1", 0);
  const config = parseSwitchyardConfig(configText, { SIM_URL: sim.url });
  executor = await build({
    deployments: createDeployments(config, Object.keys(config.providers)),
    costs: { publish: async (event) => void published.push(event) },
    logger: createLogger({ service: "executor-test", level: "silent" }),
    devTenant: undefined,
    maxPromptChars: 10_000,
    newId: () => `attempt-${++ids}`,
    now: () => new Date("2026-11-23T12:00:00Z"),
    metrics: createServiceMetrics("executor-test"),
    readinessChecks: [],
    readinessIntervalMs: 60_000,
    shutdownGraceMs: 1_000,
  }).start({ host: "127.0.0.1", port: 0, metricsPort: -1 });
  client = createClient(ExecutorService, createGrpcTransport({ baseUrl: executor.url }));
});
afterAll(async () => {
  await executor?.stop();
  await sim?.close();
});
beforeEach(() => {
  published.length = 0;
});

const asAcme = { headers: { "x-switchyard-tenant": "acme", "x-request-id": "req-7" } };
const messages = [{ role: "user", content: "Say hi" }];

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  return promise.then(() => { throw new Error("expected a failure"); }, (error: unknown) => ConnectError.from(error));
}

describe("ExecutorService.Generate", () => {
  it("answers through the openai SDK, prices the usage exactly and publishes one cost event", async () => {
    const response = await client.generate({ model: "sim-small", messages, context: { requestId: "req-7", strategy: "pinned" } }, asAcme);
    const input = promptTokens(messages);
    const output = splitTokens(response.text).length;
    const expectedCost = BigInt(input) * 100n + BigInt(output) * 400n;
    expect(response).toMatchObject({ model: "sim-small", provider: "simulator", simulated: true, finishReason: FinishReason.STOP, costNanoUsd: expectedCost });
    expect(response.usage).toMatchObject({ inputTokens: BigInt(input), outputTokens: BigInt(output), estimated: false });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      eventId: response.attempts[0]!.attemptId,
      tenant: "acme",
      requestId: "req-7",
      strategy: "pinned",
      costNanoUsd: expectedCost,
      billed: true,
      outcome: AttemptOutcome.SUCCEEDED,
    });
  });

  it("answers through the ollama SDK for an Ollama-protocol model", async () => {
    const response = await client.generate({ model: "sim-ollama", messages }, asAcme);
    expect(response.text).toMatch(/^\[simulated sim-ollama\]/);
    expect(response.costNanoUsd).toBe(BigInt(promptTokens(messages)) * 1_000n + BigInt(splitTokens(response.text).length) * 2_000n);
  });

  it("refuses unknown models with NOT_FOUND and bad conversations with INVALID_ARGUMENT", async () => {
    const unknown = await failure(client.generate({ model: "nope", messages }, asAcme));
    expect(unknown.code).toBe(Code.NotFound);
    expect(unknown.rawMessage).toMatch(/known models: sim-small, sim-ollama/);
    expect(await failure(client.generate({ model: "sim-small", messages: [] }, asAcme))).toMatchObject({ code: Code.InvalidArgument });
    expect(published).toHaveLength(0);
  });

  it("refuses calls that carry no tenant", async () => {
    expect(await failure(client.generate({ model: "sim-small", messages }))).toMatchObject({ code: Code.Unauthenticated });
  });

  it("maps a 429 to RESOURCE_EXHAUSTED with the retry delay in RetryInfo, and bills nothing", async () => {
    const error = await failure(client.generate({ model: "sim-small", messages: [{ role: "user", content: "hi [[sim:rate_limit retry_after_ms=1500]]" }] }, asAcme));
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toMatch(/^simulator: .*Rate limit reached/);
    expect(error.findDetails(RetryInfoSchema)[0]?.retryDelay).toMatchObject({ seconds: 1n, nanos: 500_000_000 });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ billed: false, costNanoUsd: 0n, outcome: AttemptOutcome.FAILED, errorCode: "resource_exhausted" });
  });

  it("marks context-length failures FAILED_PRECONDITION with ErrorInfo CONTEXT_LENGTH_EXCEEDED", async () => {
    const error = await failure(client.generate({ model: "sim-small", messages: [{ role: "user", content: "hi [[sim:context_length]]" }] }, asAcme));
    expect(error.code).toBe(Code.FailedPrecondition);
    expect(error.findDetails(ErrorInfoSchema)[0]).toMatchObject({ reason: "CONTEXT_LENGTH_EXCEEDED", domain: "switchyard.dev" });
  });

  it("maps a bad provider key to PERMISSION_DENIED and a provider 500 to UNAVAILABLE", async () => {
    expect(await failure(client.generate({ model: "sim-small", messages: [{ role: "user", content: "hi [[sim:bad_key]]" }] }, asAcme))).toMatchObject({ code: Code.PermissionDenied });
    expect(await failure(client.generate({ model: "sim-small", messages: [{ role: "user", content: "hi [[sim:server_error]]" }] }, asAcme))).toMatchObject({ code: Code.Unavailable });
  });
});

describe("createDeployments", () => {
  it("refuses a model without a price at start-up instead of billing it as free", () => {
    const config = parseSwitchyardConfig(configText.replace(', price: { inputPerMillion: "0.10", outputPerMillion: "0.40" }', ""), { SIM_URL: "http://127.0.0.1:1" });
    expect(() => createDeployments(config, ["simulator"])).toThrow(/model "sim-small" has no price/);
  });
});
