import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ExecutorHarness } from "./test-support/executor-harness.js";
import { createMemoryCostSink, startExecutorHarness } from "./test-support/executor-harness.js";
import type { RecordingServer } from "./test-support/recording-server.js";
import { readFixture, startRecordingServer } from "./test-support/recording-server.js";

/** Per-model generation defaults, as the provider receives them (a recording OpenAI-compatible server). */
const configText = `
providers:
  upstream: { kind: openai, baseUrl: "\${SIM_URL}/v1", simulated: true }
models:
  tuned: { provider: upstream, providerModel: gpt-4o-mini, defaults: { temperature: 0.1, topP: 0.9, maxOutputTokens: 64 }, price: { inputPerMillion: "1", outputPerMillion: "1" } }
  plain: { provider: upstream, providerModel: gpt-4o-mini, price: { inputPerMillion: "1", outputPerMillion: "1" } }
tenants: { acme: {} }
`;

let upstream: RecordingServer;
let executor: ExecutorHarness;
beforeAll(async () => {
  upstream = await startRecordingServer(200, JSON.parse(readFixture(join(import.meta.dirname, "providers/openai"), "chat-completion.json")));
  executor = await startExecutorHarness({ configText, simUrl: upstream.url, costs: createMemoryCostSink() });
});
afterAll(async () => {
  await executor?.stop();
  await upstream?.close();
});
beforeEach(() => void upstream.requests.splice(0));

const asAcme = { headers: { "x-switchyard-tenant": "acme" } };
const ask = { role: "user", content: "Hi" };

describe("per-model default generation settings", () => {
  it("sends a model's defaults when the request leaves them unset", async () => {
    await executor.client.generate({ model: "tuned", messages: [ask] }, asAcme);
    expect(upstream.requests[0]!.body).toMatchObject({ model: "gpt-4o-mini", temperature: 0.1, top_p: 0.9, max_tokens: 64 });
  });

  it("lets the request's own values win, field by field", async () => {
    await executor.client.generate({ model: "tuned", messages: [ask], params: { temperature: 0.7, maxOutputTokens: 10 } }, asAcme);
    expect(upstream.requests[0]!.body).toMatchObject({ temperature: 0.7, top_p: 0.9, max_tokens: 10 });
  });

  it("sends nothing for a model without defaults (the provider's own apply)", async () => {
    await executor.client.generate({ model: "plain", messages: [ask] }, asAcme);
    const body = upstream.requests[0]!.body;
    expect(["temperature", "top_p", "max_tokens"].filter((field) => field in body)).toEqual([]);
  });
});
