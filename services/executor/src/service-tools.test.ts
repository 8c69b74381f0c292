import { create } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { ChatMessageSchema, FinishReason, GenerationParamsSchema, ResponseFormatType } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { ChatMessage } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { StreamGenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { defaultSimModels, scaleLatency, startSimServer } from "@switchyard/provider-sim";
import type { RunningSim } from "@switchyard/provider-sim";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ExecutorHarness } from "./test-support/executor-harness.js";
import { createMemoryCostSink, startExecutorHarness } from "./test-support/executor-harness.js";
import { failureOf } from "./test-support/stream-collector.js";

/** Tools, JSON schema and images through the real executor and the simulator on both protocols. */
const configText = `
providers:
  simulator: { kind: openai, baseUrl: "\${SIM_URL}/v1", simulated: true }
  simulator-ollama: { kind: ollama, baseUrl: "\${SIM_URL}", simulated: true }
models:
  sim-small: { provider: simulator, price: { inputPerMillion: "0.10", outputPerMillion: "0.40" } }
  sim-eyes: { provider: simulator, providerModel: sim-medium, capabilities: { vision: true }, price: { inputPerMillion: "1", outputPerMillion: "1" } }
  sim-no-tools: { provider: simulator, providerModel: sim-large, capabilities: { tools: false, jsonSchema: false }, price: { inputPerMillion: "1", outputPerMillion: "1" } }
  sim-ollama: { provider: simulator-ollama, providerModel: sim-small, capabilities: { vision: true }, price: { inputPerMillion: "1", outputPerMillion: "2" } }
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
  sim.faults.reset();
  sim.stats.reset();
});

const asAcme = { headers: { "x-switchyard-tenant": "acme" } };
const message = (init: MessageInitShape<typeof ChatMessageSchema>): ChatMessage => create(ChatMessageSchema, init);
const ask = message({ role: "user", content: "Weather in Paris?" });
const params = create(GenerationParamsSchema, {
  tools: [{ name: "get_weather", description: "Weather now", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } }],
});

async function readStream(stream: AsyncIterable<StreamGenerateResponse>) {
  const events: StreamGenerateResponse["event"][] = [];
  try {
    for await (const response of stream) events.push(response.event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error: error as Error };
  }
}

describe("ExecutorService with tools", () => {
  it("runs a tool round trip: a call with TOOL_CALLS, then the answer to its result", async () => {
    const called = await executor.client.generate({ model: "sim-small", messages: [ask], params }, asAcme);
    expect(called.finishReason).toBe(FinishReason.TOOL_CALLS);
    expect(called.toolCalls).toHaveLength(1);
    const call = called.toolCalls[0]!;
    expect(call).toMatchObject({ name: "get_weather", argumentsJson: '{"city":"simulated by [simulated sim-small]"}' });
    expect(called.usage?.outputTokens).toBeGreaterThan(0n);
    expect(called.costNanoUsd).toBeGreaterThan(0n);

    const turns = [ask, message({ role: "assistant", toolCalls: [call] }), message({ role: "tool", toolCallId: call.id, content: '{"celsius":21}' })];
    const answer = await executor.client.generate({ model: "sim-small", messages: turns, params }, asAcme);
    expect(answer).toMatchObject({ text: '[simulated sim-small] get_weather returned {"celsius":21}', finishReason: FinishReason.STOP, toolCalls: [] });
  });

  it("streams tool-call fragments in order, then the assembled call with usage", async () => {
    const whole = await executor.client.generate({ model: "sim-small", messages: [ask], params }, asAcme);
    const { events, error } = await readStream(executor.client.streamGenerate({ model: "sim-small", messages: [ask], params }, asAcme));
    expect(error).toBeUndefined();
    const fragments = events.flatMap((event) => (event.case === "delta" && event.value.toolCall ? [event.value.toolCall] : []));
    expect(fragments[0]).toMatchObject({ index: 0, id: whole.toolCalls[0]!.id, name: "get_weather" });
    expect(fragments.length).toBeGreaterThan(2);
    expect(fragments.map((fragment) => fragment.argumentsFragment).join("")).toBe(whole.toolCalls[0]!.argumentsJson);
    const completed = events.at(-1);
    expect(completed?.case).toBe("completed");
    if (completed?.case !== "completed") return;
    expect(completed.value).toMatchObject({ finishReason: FinishReason.TOOL_CALLS, toolCalls: whole.toolCalls });
    expect(completed.value.usage?.estimated).toBe(false);
  });

  it("ends a stream cut inside a tool call with the billed, estimated figures and an error status", async () => {
    const cutAsk = message({ role: "user", content: "Weather in Paris? [[sim:cut after_tokens=2]]" });
    const { events, error } = await readStream(executor.client.streamGenerate({ model: "sim-small", messages: [cutAsk], params }, asAcme));
    expect(events.some((event) => event.case === "delta" && event.value.toolCall)).toBe(true);
    const completed = events.at(-1);
    expect(completed?.case).toBe("completed");
    if (completed?.case !== "completed") return;
    expect(completed.value).toMatchObject({ finishReason: FinishReason.ERROR, usage: { estimated: true } });
    expect(error).toBeDefined();
  });

  it("calls tools on the Ollama protocol, the call whole with an id of the executor's", async () => {
    const called = await executor.client.generate({ model: "sim-ollama", messages: [ask], params }, asAcme);
    expect(called).toMatchObject({
      finishReason: FinishReason.TOOL_CALLS,
      toolCalls: [{ id: "call_0", name: "get_weather", argumentsJson: '{"city":"simulated by [simulated sim-small]"}' }],
    });
  });
});

describe("ExecutorService capabilities", () => {
  const image = message({
    role: "user",
    parts: [
      { part: { case: "text", value: "What is this?" } },
      { part: { case: "image", value: { source: { case: "data", value: new Uint8Array([137, 80, 78, 71]) }, mediaType: "image/png" } } },
    ],
  });

  it("sends an image to a model that accepts images", async () => {
    const response = await executor.client.generate({ model: "sim-eyes", messages: [image] }, asAcme);
    expect(response.text).toBe("[simulated sim-medium] I was shown 1 image; this description is simulated.");
  });

  it("refuses, before any call, images, tools and JSON schema to models without them, naming the field", async () => {
    const refusedImage = await failureOf(executor.client.generate({ model: "sim-small", messages: [image] }, asAcme));
    expect(refusedImage.code).toBe(Code.InvalidArgument);
    expect(refusedImage.rawMessage).toMatch(/messages\[0\]\.parts\[1\]\.image: model "sim-small" does not accept images \(capability "vision"/);
    const refusedTools = await failureOf(executor.client.generate({ model: "sim-no-tools", messages: [ask], params }, asAcme));
    expect(refusedTools).toMatchObject({ code: Code.InvalidArgument, rawMessage: expect.stringMatching(/params\.tools: .*capability "tools"/) as unknown });
    const schemaParams = create(GenerationParamsSchema, { responseFormat: { type: ResponseFormatType.JSON_SCHEMA, jsonSchema: { type: "object" } } });
    const refusedSchema = await failureOf(executor.client.generate({ model: "sim-no-tools", messages: [ask], params: schemaParams }, asAcme));
    expect(refusedSchema).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: expect.stringMatching(/params\.response_format: .*capability "jsonSchema"/) as unknown,
    });
    const refusedUrl = await failureOf(
      executor.client.generate(
        {
          model: "sim-ollama",
          messages: [message({ role: "user", parts: [{ part: { case: "image", value: { source: { case: "url", value: "https://example.com/a.png" } } } }] })],
        },
        asAcme,
      ),
    );
    expect(refusedUrl).toMatchObject({ code: Code.InvalidArgument, rawMessage: expect.stringMatching(/image\.url: Ollama takes images/) as unknown });
    expect(sim.stats.snapshot()).toEqual({});
  });

  it("answers a JSON schema with JSON valid for it", async () => {
    const schemaParams = create(GenerationParamsSchema, {
      responseFormat: {
        type: ResponseFormatType.JSON_SCHEMA,
        schemaName: "weather",
        jsonSchema: { type: "object", properties: { celsius: { type: "integer" } }, required: ["celsius"] },
      },
    });
    const response = await executor.client.generate({ model: "sim-small", messages: [ask], params: schemaParams }, asAcme);
    expect(JSON.parse(response.text)).toEqual({ celsius: 1 });
  });
});
