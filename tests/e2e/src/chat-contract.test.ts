import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { ChatMessageSchema, FinishReason, ResponseFormatType } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { ChatMessage, GenerationParamsSchema, ResponseFormatSchema, ToolCallDelta } from "@switchyard/contracts/switchyard/v1/common_pb";
import { EnsembleMode, RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequestSchema, CompleteResponse, StrategySchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack } from "./support/stack-fixture.js";

// The chat contract through the real router, executor, ledger and NATS, with the simulator
// speaking the OpenAI and Ollama wire protocols: an agent loop with tools, structured output
// checked (and escalated in a cascade), images to models that take them and to one that does not.

let stack: RunningStack;
let router: Client<typeof RouterService>;

beforeAll(async () => {
  stack = await startTestStack({ configPath: join(import.meta.dirname, "../fixtures/chat-contract.yaml") });
  router = createClient(RouterService, createGrpcTransport({ baseUrl: stack.urls.router }));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

const message = (init: MessageInitShape<typeof ChatMessageSchema>): ChatMessage => create(ChatMessageSchema, init);
const ask = (content: string) => message({ role: "user", content: `${content} (${randomUUID()})` });
const pinned = (model: string): MessageInitShape<typeof StrategySchema> => ({ kind: { case: "pinned", value: { model } } });
const weatherTools: MessageInitShape<typeof GenerationParamsSchema> = {
  tools: [
    {
      name: "get_weather",
      description: "Weather now",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
    },
  ],
};

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );
}

async function streamed(request: MessageInitShape<typeof CompleteRequestSchema>) {
  const text: string[] = [];
  const toolCalls: ToolCallDelta[] = [];
  let completed: CompleteResponse | undefined;
  for await (const event of router.streamComplete(request)) {
    if (event.event.case === "delta") {
      if (event.event.value.toolCall) toolCalls.push(event.event.value.toolCall);
      else text.push(event.event.value.text);
    }
    if (event.event.case === "completed") completed = event.event.value;
  }
  return { text: text.join(""), toolCalls, completed };
}

describe.each(["sim-small", "sim-ollama"])("an agent loop with tools through RouterService (%s)", (model) => {
  it("unary: the call, the tool's result, then the final answer", async () => {
    const question = ask("What is the weather in Paris?");
    const called = await router.complete({ messages: [question], params: weatherTools, strategy: pinned(model) });
    expect(called).toMatchObject({ finishReason: FinishReason.TOOL_CALLS, answer: "", simulated: true });
    expect(called.toolCalls).toHaveLength(1);
    const call = called.toolCalls[0]!;
    expect(call.name).toBe("get_weather");
    expect(JSON.parse(call.argumentsJson)).toHaveProperty("city");
    expect(called.totalCostNanoUsd).toBeGreaterThan(0n);

    const turns = [question, message({ role: "assistant", toolCalls: [call] }), message({ role: "tool", toolCallId: call.id, content: '{"celsius":21}' })];
    const answered = await router.complete({ messages: turns, params: weatherTools, strategy: pinned(model) });
    expect(answered).toMatchObject({ finishReason: FinishReason.STOP, toolCalls: [] });
    expect(answered.answer).toBe(`[simulated ${model === "sim-ollama" ? "sim-small" : model}] get_weather returned {"celsius":21}`);
  });

  it("streaming: tool-call deltas in order (id and name first), the assembled call, then the final answer streamed", async () => {
    const question = ask("What is the weather in Lyon?");
    const whole = await router.complete({ messages: [question], params: weatherTools, strategy: pinned(model) });
    const first = await streamed({ messages: [question], params: weatherTools, strategy: pinned(model) });
    expect(first.toolCalls[0]).toMatchObject({ index: 0, id: whole.toolCalls[0]!.id, name: "get_weather" });
    expect(first.toolCalls.slice(1).every((delta) => delta.index === 0 && delta.id === "" && delta.name === "")).toBe(true);
    expect(first.toolCalls.map((delta) => delta.argumentsFragment).join("")).toBe(whole.toolCalls[0]!.argumentsJson);
    // OpenAI splits the arguments over several chunks; Ollama sends a call whole.
    if (model === "sim-ollama") expect(first.toolCalls).toHaveLength(1);
    else expect(first.toolCalls.length).toBeGreaterThan(2);
    expect(first.completed).toMatchObject({ finishReason: FinishReason.TOOL_CALLS, toolCalls: whole.toolCalls });
    expect(first.completed?.usage?.outputTokens).toBeGreaterThan(0n);

    const call = whole.toolCalls[0]!;
    const turns = [question, message({ role: "assistant", toolCalls: [call] }), message({ role: "tool", toolCallId: call.id, content: "sunny" })];
    const final = await streamed({ messages: turns, params: weatherTools, strategy: pinned(model) });
    expect(final.text).toMatch(/get_weather returned sunny$/);
    expect(final.completed).toMatchObject({ finishReason: FinishReason.STOP, answer: final.text });
  });
});

describe("structured output and tool checks in strategies", () => {
  const schema: MessageInitShape<typeof ResponseFormatSchema> = {
    type: ResponseFormatType.JSON_SCHEMA,
    schemaName: "weather",
    jsonSchema: { type: "object", properties: { celsius: { type: "integer" } }, required: ["celsius"] },
    strict: true,
  };

  it("pinned: an answer valid for the schema comes back; prose instead of JSON fails cleanly", async () => {
    const valid = await router.complete({ messages: [ask("How warm is it?")], params: { responseFormat: schema }, strategy: pinned("sim-small") });
    expect(JSON.parse(valid.answer)).toEqual({ celsius: 1 });
    const prose = await failure(
      router.complete({ messages: [ask("How warm is it? [[sim:bad_output]]")], params: { responseFormat: schema }, strategy: pinned("sim-small") }),
    );
    expect(prose.code).toBe(Code.Unavailable);
    expect(prose.rawMessage).toMatch(/the answer failed the json_schema check: answer: not valid JSON/);
  });

  it("cascade: an answer invalid for the schema escalates, and the reason is on the attempt it left", async () => {
    const response = await router.complete({
      messages: [ask("How warm is it? [[sim:bad_output model=sim-small]]")],
      params: { responseFormat: schema },
      strategy: { kind: { case: "cascade", value: { chain: ["sim-small", "sim-medium"], threshold: 0 } } },
    });
    expect(response.model).toBe("sim-medium");
    expect(JSON.parse(response.answer)).toEqual({ celsius: 1 });
    expect(response.attempts[0]).toMatchObject({ model: "sim-small", escalationReason: "failed the json_schema check" });
  });

  it("cascade: a tool call with arguments that are not JSON escalates to the next model", async () => {
    const response = await router.complete({
      messages: [ask("Weather in Nice? [[sim:bad_tool_args model=sim-small]]")],
      params: weatherTools,
      strategy: { kind: { case: "cascade", value: { chain: ["sim-small", "sim-medium"], threshold: 0 } } },
    });
    expect(response).toMatchObject({ model: "sim-medium", finishReason: FinishReason.TOOL_CALLS });
    expect(JSON.parse(response.toolCalls[0]!.argumentsJson)).toHaveProperty("city");
    expect(response.attempts[0]).toMatchObject({ model: "sim-small", escalationReason: "failed the tool_schema check" });
  });

  it("ensemble and critique refuse tools with INVALID_ARGUMENT", async () => {
    const ensemble = await failure(
      router.complete({
        messages: [ask("Weather?")],
        params: weatherTools,
        strategy: { kind: { case: "ensemble", value: { models: ["sim-small", "sim-medium"], mode: EnsembleMode.JUDGE } } },
      }),
    );
    expect(ensemble.code).toBe(Code.InvalidArgument);
    expect(ensemble.rawMessage).toMatch(/params\.tools: the ensemble strategy/);
    const critique = await failure(
      router.complete({
        messages: [ask("Weather?")],
        params: weatherTools,
        strategy: { kind: { case: "critique", value: { primary: "sim-small", critics: ["sim-medium"] } } },
      }),
    );
    expect(critique.rawMessage).toMatch(/params\.tools: the critique strategy/);
  });
});

describe("images", () => {
  const picture = () =>
    message({
      role: "user",
      parts: [
        { part: { case: "text", value: `What is in this picture? (${randomUUID()})` } },
        { part: { case: "image", value: { source: { case: "data", value: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]) }, mediaType: "image/png" } } },
      ],
    });

  it("a model that accepts images answers about them", async () => {
    const response = await router.complete({ messages: [picture()], strategy: pinned("sim-eyes") });
    expect(response.answer).toBe("[simulated sim-large] I was shown 1 image; this description is simulated.");
  });

  it("a model that does not is refused with INVALID_ARGUMENT naming the part", async () => {
    const refused = await failure(router.complete({ messages: [picture()], strategy: pinned("sim-small") }));
    expect(refused.code).toBe(Code.InvalidArgument);
    expect(refused.rawMessage).toMatch(/messages\[0\]\.parts\[1\]\.image: model "sim-small" does not accept images/);
  });

  it("bad input is refused at the router, naming the field", async () => {
    const orphan = await failure(
      router.complete({ messages: [ask("hi"), message({ role: "tool", toolCallId: "call_x", content: "1" })], strategy: pinned("sim-small") }),
    );
    expect(orphan).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: expect.stringMatching(/messages\[1\]\.tool_call_id: "call_x" answers no tool call/) as unknown,
    });
    const noSchema = await failure(
      router.complete({ messages: [ask("hi")], params: { responseFormat: { type: ResponseFormatType.JSON_SCHEMA } }, strategy: pinned("sim-small") }),
    );
    expect(noSchema.rawMessage).toMatch(/params\.response_format\.json_schema: required when type is JSON_SCHEMA/);
  });
});
