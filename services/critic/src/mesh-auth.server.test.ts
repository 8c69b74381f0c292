import { Code, ConnectError } from "@connectrpc/connect";
import { createLogger } from "@switchyard/runtime";
import { meshPeerHeaders, probeWithoutCredentials } from "@switchyard/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSelectorFeedback } from "./selector-feedback.js";
import { fakeExecutor, fakeSelector, structuredReply } from "./test-support/fake-peers.js";
import type { TestCritic } from "./test-support/start-critic.js";
import { startTestCritic } from "./test-support/start-critic.js";

const meshToken = "critic-mesh-token-0123456789";
const judgment = { pick: { best: 1, score: 0.7, rationale: "ok" }, rank: { ranking: [{ candidate: 1, score: 0.7 }], rationale: "ok" } };
const executor = fakeExecutor({ "good-a": async (call) => structuredReply(call, { score: 0.8, verdict: "accept", issues: [], confidence: 0.9 }, judgment) });
const selector = fakeSelector(async () => undefined);
const feedback = createSelectorFeedback(selector.client, { timeoutMs: 300, maxInFlight: 4, logger: createLogger({ service: "critic-test", level: "silent" }) });
let critic: TestCritic;

beforeAll(async () => {
  critic = await startTestCritic(executor.client, feedback, executor.models, meshToken);
});
afterAll(async () => {
  await feedback.idle();
  await critic?.server.stop();
});

const critique = { messages: [{ role: "user", content: "What is 2 + 2?" }], answer: "4", answerModel: "sim-small", critics: ["good-a"] };

async function refusedCount(): Promise<number> {
  return (await critic.metrics.unauthenticated.get()).values.reduce((sum, value) => sum + value.value, 0);
}

describe("the critic's caller guard (MESH_TOKEN set)", () => {
  it("refuses a forged tenant header without the mesh token, calls no model and counts the refusal", async () => {
    const before = await refusedCount();
    const error = await critic.client.critique(critique, { headers: meshPeerHeaders("acme") }).then(
      () => undefined,
      (caught: unknown) => ConnectError.from(caught),
    );
    expect(error?.code).toBe(Code.Unauthenticated);
    expect(executor.callsTo("good-a")).toHaveLength(0);
    expect(await refusedCount()).toBe(before + 1);
  });

  it("serves a mesh peer with the token, and tags its automatic feedback with the peer's tenant", async () => {
    const response = await critic.client.critique(critique, { headers: meshPeerHeaders("acme", meshToken) });
    expect(response.succeeded).toBe(1);
    await feedback.idle();
    expect(selector.received.at(-1)?.request).toMatchObject({ model: "sim-small", tenant: "acme" });
  });

  it("answers health and reflection without credentials", async () => {
    const probe = await probeWithoutCredentials(critic.server.url);
    expect(probe.liveness).toBe("SERVING");
    expect(probe.services).toEqual(expect.arrayContaining(["switchyard.v1.CriticService", "grpc.reflection.v1.ServerReflection"]));
  });
});
