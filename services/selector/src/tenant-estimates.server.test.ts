import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { FeedbackSource, SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { createLogger, createServiceMetrics, meshTokenHeader } from "@switchyard/runtime";
import type { RunningService } from "@switchyard/runtime";
import { meshPeerHeaders } from "@switchyard/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAnswerScorer } from "./answer/answer-artifact.js";
import { FeedbackStore } from "./feedback/feedback-store.js";
import { loadArtifact } from "./model/artifact-store.js";
import { SelectorModel } from "./model/selector-model.js";
import { build } from "./server.js";

const meshToken = "selector-estimates-token-0123456789";
const configured = new Map([
  ["sim-small", { tier: "small" as const, price: [0.1, 0.4] as const, priceNanoPerMillion: { input: 100_000_000n, output: 400_000_000n } }],
  ["sim-large", { tier: "large" as const, price: [3, 15] as const, priceNanoPerMillion: { input: 3_000_000_000n, output: 15_000_000_000n } }],
]);
const stateDirectory = mkdtempSync(join(tmpdir(), "selector-estimates-"));
let service: RunningService;

beforeAll(async () => {
  service = await build({
    logger: createLogger({ service: "selector-test", level: "silent" }),
    metrics: createServiceMetrics("selector-test"),
    model: new SelectorModel(loadArtifact(join(import.meta.dirname, "../artifact")), configured),
    feedback: new FeedbackStore(stateDirectory),
    answers: loadAnswerScorer(join(import.meta.dirname, "../artifact")),
    configuredModels: [...configured.keys()],
    maxPromptChars: 2_000_000,
    readinessChecks: [],
    readinessIntervalMs: 60_000,
    shutdownGraceMs: 1_000,
    meshToken,
  }).start({ host: "127.0.0.1", port: 0, metricsPort: -1 });
});
afterAll(async () => {
  await service?.stop();
});

const client = () => createClient(SelectorService, createGrpcTransport({ baseUrl: service.url }));
const as = (tenant: string) => ({ headers: meshPeerHeaders(tenant, meshToken) });
const code = [{ role: "user", content: "Write a Python function that reverses a string." }];

async function refusal(call: Promise<unknown>): Promise<ConnectError | undefined> {
  return call.then(
    () => undefined,
    (caught: unknown) => ConnectError.from(caught),
  );
}

describe("SelectorService.TenantEstimates", () => {
  it("shows a tenant its own per-task estimates with their evidence, and nothing of them to another tenant", async () => {
    for (const requestId of ["a-1", "a-2"]) {
      await client().feedback({ requestId, model: "sim-small", quality: 0, source: FeedbackSource.CALLER, messages: code, taskType: "code" }, as("acme"));
    }
    await client().feedback(
      { requestId: "a-3", model: "sim-small", quality: 1, source: FeedbackSource.CALLER, predictedQuality: 0.5, taskType: "math" },
      as("acme"),
    );
    const acme = await client().tenantEstimates({}, as("acme"));
    expect(acme.models.map((entry) => entry.model)).toEqual(["sim-small"]);
    const tasks = acme.models[0]?.tasks ?? {};
    expect(Object.keys(tasks).sort()).toEqual(["code", "math"]);
    expect(tasks["code"]?.observations).toBe(2n);
    expect(tasks["math"]?.observations).toBe(1n);
    for (const estimate of Object.values(tasks)) {
      expect(estimate.quality).toBeGreaterThan(0);
      expect(estimate.quality).toBeLessThan(1);
    }
    expect((await client().tenantEstimates({}, as("globex"))).models).toEqual([]);
    expect((await client().tenantEstimates({ models: ["sim-large"] }, as("acme"))).models).toEqual([]);
  });

  it("infers the task type from the prompt when the feedback names none", async () => {
    await client().feedback({ requestId: "i-1", model: "sim-large", quality: 1, source: FeedbackSource.CALLER, messages: code }, as("initech"));
    const [entry] = (await client().tenantEstimates({}, as("initech"))).models;
    expect(Object.keys(entry?.tasks ?? {})).toHaveLength(1);
    expect(Object.keys(entry?.tasks ?? {})[0]).not.toBe("");
  });

  it("survives a restart: the estimates replay from the feedback log", () => {
    const restarted = new FeedbackStore(stateDirectory).taskEstimates("acme");
    expect(restarted.map((estimate) => [estimate.model, estimate.taskType, estimate.observations]).sort()).toEqual([
      ["sim-small", "code", 2],
      ["sim-small", "math", 1],
    ]);
  });

  it("takes the tenant from the caller, never the body: no tenant is INVALID_ARGUMENT, no mesh token UNAUTHENTICATED", async () => {
    expect((await refusal(client().tenantEstimates({}, { headers: { [meshTokenHeader]: meshToken } })))?.code).toBe(Code.InvalidArgument);
    expect((await refusal(client().tenantEstimates({}, { headers: meshPeerHeaders("acme") })))?.code).toBe(Code.Unauthenticated);
  });
});
