import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { OtlpReceiver, ReceivedSpan } from "./support/otlp-receiver.js";
import { startOtlpReceiver } from "./support/otlp-receiver.js";
import { startTestStack } from "./support/stack-fixture.js";

// fixtures/strategies.yaml: the acme tenant's key is "sk-acme-e2e".
const apiKey = "sk-acme-e2e";
const as = { headers: { authorization: `Bearer ${apiKey}` } };
const spanKind = { server: 2, client: 3, consumer: 5 } as const;

let receiver: OtlpReceiver;
let stack: RunningStack;
let router: Client<typeof RouterService>;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  stack = await startTestStack({
    configPath: join(import.meta.dirname, "../fixtures/strategies.yaml"),
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "100" },
  });
  router = createClient(RouterService, createGrpcTransport({ baseUrl: stack.urls.router }));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
}, 60_000);

/** Waits until the trace holds a span from each of `services` (exports are batched). */
async function traceOf(traceId: string, services: readonly string[]): Promise<ReceivedSpan[]> {
  await vi.waitFor(() => expect(new Set(receiver.spans.filter((span) => span.traceId === traceId).map((span) => span.service))).toEqual(new Set(services)), {
    timeout: 15_000,
    interval: 100,
  });
  return receiver.spans.filter((span) => span.traceId === traceId);
}

/** Every span of the trace has its parent in the trace, except the one root. */
function expectOneTree(spans: readonly ReceivedSpan[]): void {
  const ids = new Set(spans.map((span) => span.spanId));
  const roots = spans.filter((span) => !ids.has(span.parentSpanId));
  expect(roots.map((span) => `${span.service} ${span.name}`)).toEqual(["router switchyard.v1.RouterService/Complete"]);
}

describe("OpenTelemetry traces", () => {
  it("one cheapest request is one trace through router, selector, executor, provider call and ledger, with GenAI attributes and no prompt", async () => {
    const secret = `trace-secret-${randomUUID()}`;
    const response = await router.complete(
      { messages: [{ role: "user", content: `Name a colour ${secret}` }], strategy: { kind: { case: "cheapest", value: {} } } },
      as,
    );
    expect(response.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(response.answer.length).toBeGreaterThan(0);
    const spans = await traceOf(response.traceId, ["router", "selector", "executor", "ledger"]);
    expectOneTree(spans);
    expect(spans).toContainEqual(expect.objectContaining({ service: "selector", name: "switchyard.v1.SelectorService/Score", kind: spanKind.server }));
    expect(spans).toContainEqual(expect.objectContaining({ service: "router", name: "switchyard.v1.SelectorService/Score", kind: spanKind.client }));
    // The cost event crosses NATS with the attempt's traceparent: the ledger settles it in this trace.
    // It is settled after the JetStream delivery, so its span can come in a later export than the ledger's others.
    const settle = await vi.waitFor(
      () => {
        const found = receiver.spans.find((span) => span.traceId === response.traceId && span.service === "ledger" && span.name === "settle cost event");
        expect(found).toBeDefined();
        return found!;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(settle).toMatchObject({ kind: spanKind.consumer, attributes: { "messaging.system": "nats" } });
    expect(receiver.spans.find((span) => span.spanId === settle.parentSpanId)).toMatchObject({
      service: "executor",
      name: "switchyard.v1.ExecutorService/Generate",
    });

    const provider = spans.find((span) => span.name === `chat ${response.model}`);
    expect(provider).toMatchObject({ service: "executor", kind: spanKind.client });
    expect(provider?.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "simulator",
      "gen_ai.system": "simulator",
      "gen_ai.request.model": response.model,
      "gen_ai.response.model": response.model,
      "gen_ai.response.finish_reasons": ["stop"],
      "switchyard.simulated": true,
    });
    expect(provider?.attributes["gen_ai.usage.input_tokens"]).toBe(Number(response.usage?.inputTokens));
    expect(provider?.attributes["gen_ai.usage.output_tokens"]).toBe(Number(response.usage?.outputTokens));
    // The provider span is the executor's Generate span's child, itself the router's client call's.
    const generate = spans.find((span) => span.spanId === provider?.parentSpanId);
    expect(generate).toMatchObject({ service: "executor", name: "switchyard.v1.ExecutorService/Generate", kind: spanKind.server });

    for (const body of receiver.bodies) {
      expect(body).not.toContain(secret);
      expect(body).not.toContain("Name a colour");
      expect(body).not.toContain(apiKey);
      expect(body).not.toContain(response.answer);
    }
  });

  it("a critique request's trace reaches the critic and, through it, the critics' provider calls", async () => {
    const response = await router.complete(
      {
        messages: [{ role: "user", content: "Explain tides briefly" }],
        strategy: { kind: { case: "critique", value: { primary: "sim-small", critics: ["sim-medium"] } } },
      },
      as,
    );
    const spans = await traceOf(response.traceId, ["router", "executor", "critic", "ledger", "selector"]);
    expectOneTree(spans);
    const critique = spans.find((span) => span.service === "critic" && span.name === "switchyard.v1.CriticService/Critique");
    expect(critique?.kind).toBe(spanKind.server);
    const criticCalls = spans.filter((span) => span.service === "critic" && span.name === "switchyard.v1.ExecutorService/Generate");
    expect(criticCalls.length).toBeGreaterThan(0);
    expect(
      spans
        .filter((span) => span.name.startsWith("chat "))
        .map((span) => span.attributes["gen_ai.request.model"])
        .sort(),
    ).toEqual(["sim-medium", "sim-small"]);
  });

  it("a failed provider call is an error span with the provider error's kind, and the retry that answered is not", async () => {
    const response = await router.complete(
      {
        messages: [{ role: "user", content: `Hello ${randomUUID()} [[sim:server_error times=1]]` }],
        strategy: { kind: { case: "pinned", value: { model: "sim-small" } } },
      },
      as,
    );
    const spans = await traceOf(response.traceId, ["router", "executor", "ledger"]);
    const providerCalls = spans.filter((span) => span.name === "chat sim-small");
    expect(providerCalls.map((span) => span.attributes["error.type"] ?? "ok").sort()).toEqual(["ok", "unavailable"]);
    expect(providerCalls.find((span) => span.attributes["error.type"])?.attributes["gen_ai.response.finish_reasons"]).toBeUndefined();
  });
});
