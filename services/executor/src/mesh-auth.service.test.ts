import { Code, ConnectError } from "@connectrpc/connect";
import { defaultSimModels, scaleLatency, startSimServer } from "@switchyard/provider-sim";
import type { RunningSim } from "@switchyard/provider-sim";
import { meshPeerHeaders, probeWithoutCredentials } from "@switchyard/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutorHarness } from "./test-support/executor-harness.js";
import { createMemoryCostSink, startExecutorHarness } from "./test-support/executor-harness.js";

const configText = `
providers:
  simulator: { kind: openai, baseUrl: "\${SIM_URL}/v1", simulated: true }
models:
  sim-small: { provider: simulator, price: { inputPerMillion: "0.10", outputPerMillion: "0.40" } }
tenants: { acme: {}, beta: {} }
`;
const meshToken = "executor-mesh-token-0123456789";
const costs = createMemoryCostSink();
let sim: RunningSim;
let executor: ExecutorHarness;

beforeAll(async () => {
  sim = await startSimServer({ models: scaleLatency(defaultSimModels, 0.02) }, "127.0.0.1", 0);
  executor = await startExecutorHarness({ configText, simUrl: sim.url, costs, meshToken });
});
afterAll(async () => {
  await executor?.stop();
  await sim?.close();
});

const request = { model: "sim-small", messages: [{ role: "user", content: "Say hi" }] };

async function refusal(call: Promise<unknown>): Promise<ConnectError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => ConnectError.from(caught),
  );
  expect(error).toBeInstanceOf(ConnectError);
  return error as ConnectError;
}

async function refusedCount(): Promise<number> {
  const values = (await executor.metrics.unauthenticated.get()).values;
  return values.reduce((sum, value) => sum + value.value, 0);
}

describe("the executor's caller guard (MESH_TOKEN set)", () => {
  it("refuses a forged tenant header without the mesh token, bills nothing and counts the refusal", async () => {
    const before = await refusedCount();
    const forged = await refusal(executor.client.generate(request, { headers: meshPeerHeaders("beta") }));
    expect(forged.code).toBe(Code.Unauthenticated);
    expect(forged.rawMessage).toMatch(/mesh-token/);
    const wrong = await refusal(executor.client.generate(request, { headers: meshPeerHeaders("beta", "not-the-mesh-token-at-all") }));
    expect(wrong.code).toBe(Code.Unauthenticated);
    const streamed = await refusal(
      (async () => {
        for await (const _ of executor.client.streamGenerate(request, { headers: meshPeerHeaders("beta") })) void _;
      })(),
    );
    expect(streamed.code).toBe(Code.Unauthenticated);
    expect(costs.events).toHaveLength(0);
    expect(await refusedCount()).toBe(before + 3);
  });

  it("serves a mesh peer carrying the token and bills the tenant it vouches for", async () => {
    const response = await executor.client.generate(request, { headers: meshPeerHeaders("beta", meshToken) });
    expect(response.text).toMatch(/^\[simulated sim-small\]/);
    expect(costs.events.at(-1)).toMatchObject({ tenant: "beta" });
  });

  it("answers health and reflection without credentials", async () => {
    const probe = await probeWithoutCredentials(executor.url);
    expect(probe.liveness).toBe("SERVING");
    expect(probe.services).toEqual(expect.arrayContaining(["switchyard.v1.ExecutorService", "grpc.health.v1.Health"]));
  });
});
