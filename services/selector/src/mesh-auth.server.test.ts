import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { FeedbackSource, SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { createLogger, createServiceMetrics } from "@switchyard/runtime";
import type { RunningService } from "@switchyard/runtime";
import { meshPeerHeaders, probeWithoutCredentials } from "@switchyard/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedbackStore } from "./feedback/feedback-store.js";
import { loadArtifact } from "./model/artifact-store.js";
import { SelectorModel } from "./model/selector-model.js";
import { loadAnswerScorer } from "./answer/answer-artifact.js";
import { build } from "./server.js";

const meshToken = "selector-mesh-token-0123456789";
const configured = new Map([
  ["sim-large", { tier: "large" as const, price: [3, 15] as const, priceNanoPerMillion: { input: 3_000_000_000n, output: 15_000_000_000n } }],
]);
const metrics = createServiceMetrics("selector-test");
let service: RunningService;

beforeAll(async () => {
  service = await build({
    logger: createLogger({ service: "selector-test", level: "silent" }),
    metrics,
    model: new SelectorModel(loadArtifact(join(import.meta.dirname, "../artifact")), configured),
    feedback: new FeedbackStore(mkdtempSync(join(tmpdir(), "selector-state-"))),
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
const poison = { model: "sim-large", quality: 0, source: FeedbackSource.CALLER, messages: [{ role: "user", content: "hi" }] };

async function refusal(call: Promise<unknown>): Promise<ConnectError | undefined> {
  return call.then(
    () => undefined,
    (caught: unknown) => ConnectError.from(caught),
  );
}

async function refusedCount(): Promise<number> {
  return (await metrics.unauthenticated.get()).values.reduce((sum, value) => sum + value.value, 0);
}

describe("the selector's caller guard (MESH_TOKEN set)", () => {
  it("refuses anonymous and forged-tenant Feedback and Score without the mesh token, and counts each", async () => {
    const before = await refusedCount();
    expect((await refusal(client().feedback(poison)))?.code).toBe(Code.Unauthenticated);
    expect((await refusal(client().feedback({ ...poison, tenant: "beta" }, { headers: meshPeerHeaders("beta") })))?.code).toBe(Code.Unauthenticated);
    expect((await refusal(client().score({ messages: poison.messages }, { headers: meshPeerHeaders("beta") })))?.code).toBe(Code.Unauthenticated);
    expect(await refusedCount()).toBe(before + 3);
  });

  it("serves a mesh peer carrying the token", async () => {
    const recorded = await client().feedback({ ...poison, tenant: "beta" }, { headers: meshPeerHeaders("beta", meshToken) });
    expect(recorded.observations).toBeGreaterThan(0n);
    const scored = await client().score({ messages: poison.messages }, { headers: meshPeerHeaders("beta", meshToken) });
    expect(scored.scores.map((score) => score.model)).toContain("sim-large");
  });

  it("answers health and reflection without credentials", async () => {
    const probe = await probeWithoutCredentials(service.url);
    expect(probe.liveness).toBe("SERVING");
    expect(probe.services).toEqual(expect.arrayContaining(["switchyard.v1.SelectorService", "grpc.health.v1.Health"]));
  });
});
