import { create } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { FinishReason, ReasoningEffort, ResponseFormatType } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CompleteRequest, StreamCompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { CompleteRequestSchema, CompleteResponseSchema, StreamCompleteResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import { createKeyDirectory, startDualProtocolListener } from "@switchyard/runtime";
import type { DualProtocolListener } from "@switchyard/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakePeers } from "../test-support/fake-peers.js";
import { createDoorHandler, doorRoutes } from "./door-server.js";

// The door's mapping both ways, over a recording stand-in for RouterService.
let listener: DualProtocolListener;
let url: string;
const received: CompleteRequest[] = [];
let answer: MessageInitShape<typeof CompleteResponseSchema>;
let events: MessageInitShape<typeof StreamCompleteResponseSchema>[];
let failAfterEvents: ConnectError | undefined;

const baseAnswer = { answer: "hello", model: "small", requestId: "r1", strategy: "pinned", finishReason: FinishReason.STOP, totalCostNanoUsd: 42n };

const router = {
  complete(request: MessageInitShape<typeof CompleteRequestSchema>) {
    received.push(create(CompleteRequestSchema, request));
    return Promise.resolve(create(CompleteResponseSchema, answer));
  },
  async *streamComplete(request: MessageInitShape<typeof CompleteRequestSchema>): AsyncIterable<StreamCompleteResponse> {
    received.push(create(CompleteRequestSchema, request));
    for (const event of events) yield create(StreamCompleteResponseSchema, event);
    if (failAfterEvents) throw failAfterEvents;
  },
};

beforeEach(async () => {
  received.length = 0;
  failAfterEvents = undefined;
  answer = baseAnswer;
  events = [];
  const peers = await createFakePeers();
  const deps = {
    router,
    access: peers.deps.access,
    keys: createKeyDirectory(peers.deps.access.tenants, "local"),
    pricing: peers.deps.pricing,
    logger: peers.deps.logger,
    maxBodyBytes: 4096,
  };
  listener = await startDualProtocolListener(
    createDoorHandler(doorRoutes(deps), [{ pathPrefix: "/dashboard", handle: (_request, response) => void response.end("dashboard") }], peers.deps.logger),
    "127.0.0.1",
    0,
  );
  url = `http://127.0.0.1:${listener.port}`;
});

afterEach(async () => {
  listener.destroyConnections();
  await listener.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const toolCallStream: MessageInitShape<typeof StreamCompleteResponseSchema>[] = [
  { event: { case: "start", value: { model: "small", requestId: "r2" } } },
  { event: { case: "delta", value: { toolCall: { index: 0, id: "call_1", name: "get_weather", argumentsFragment: '{"city":' } } } },
  { event: { case: "delta", value: { toolCall: { index: 0, argumentsFragment: '"Paris"}' } } } },
  {
    event: {
      case: "completed",
      value: {
        model: "small",
        requestId: "r2",
        finishReason: FinishReason.TOOL_CALLS,
        toolCalls: [{ id: "call_1", name: "get_weather", argumentsJson: '{"city":"Paris"}' }],
      },
    },
  },
];

/** `data:` payloads of an SSE body, with their `event:` names. */
function sseEvents(text: string): { event: string | undefined; data: string }[] {
  return text
    .split("\n\n")
    .filter((frame) => frame.trim() !== "")
    .map((frame) => ({ event: /^event: (.*)$/m.exec(frame)?.[1], data: /^data: (.*)$/m.exec(frame)?.[1] ?? "" }));
}

describe("OpenAI chat completions", () => {
  it("maps tools, tool choice, JSON schema, images, limits and the extension into the CompleteRequest", async () => {
    const response = await post(
      "/v1/chat/completions",
      {
        model: "switchyard/cheapest",
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "What is this?" },
              { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "low" } },
            ],
          },
        ],
        tools: [
          { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } }, strict: true } },
        ],
        tool_choice: { type: "function", function: { name: "get_weather" } },
        response_format: { type: "json_schema", json_schema: { name: "city", schema: { type: "object" } } },
        max_completion_tokens: 50,
        stop: "END",
        reasoning_effort: "low",
        switchyard: { strategy_options: { minQuality: 0.7 }, max_cost_usd: "0.01", tags: { project: "door" } },
      },
      { "x-switchyard-idempotency-key": "key-1" },
    );
    expect(response.status).toBe(200);
    const [request] = received;
    expect(request?.strategy?.kind).toMatchObject({ case: "cheapest", value: { minQuality: 0.7 } });
    expect(request?.messages[0]?.parts.map((part) => part.part.case)).toEqual(["text", "image"]);
    expect(request?.params?.tools[0]).toMatchObject({ name: "get_weather", strict: true, parameters: { type: "object" } });
    expect(request?.params?.toolChoice?.choice).toEqual({ case: "toolName", value: "get_weather" });
    expect(request?.params?.responseFormat).toMatchObject({ type: ResponseFormatType.JSON_SCHEMA, schemaName: "city" });
    expect(request?.params).toMatchObject({ maxOutputTokens: 50, stop: ["END"], reasoningEffort: ReasoningEffort.LOW });
    expect(request).toMatchObject({ maxCostNanoUsd: 10_000_000n, idempotencyKey: "key-1", tags: { project: "door" } });
  });

  it("answers tool calls with null content, finish_reason tool_calls and detailed usage", async () => {
    answer = {
      ...baseAnswer,
      answer: "",
      finishReason: FinishReason.TOOL_CALLS,
      toolCalls: [{ id: "call_1", name: "get_weather", argumentsJson: '{"city":"Paris"}' }],
      usage: { inputTokens: 30n, cachedInputTokens: 10n, outputTokens: 20n, reasoningTokens: 5n, totalTokens: 50n },
    };
    const response = await post("/v1/chat/completions", { model: "small", messages: [{ role: "user", content: "weather?" }] });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      choices: [
        {
          finish_reason: "tool_calls",
          message: { content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
        },
      ],
      usage: { prompt_tokens: 30, completion_tokens: 20, prompt_tokens_details: { cached_tokens: 10 }, completion_tokens_details: { reasoning_tokens: 5 } },
      switchyard: { total_cost_nano_usd: "42" },
    });
    expect(response.headers.get("x-switchyard-cost-nano-usd")).toBe("42");
  });

  it("streams tool-call deltas as OpenAI's indexed fragments, then [DONE]", async () => {
    events = toolCallStream;
    const response = await post("/v1/chat/completions", { model: "small", stream: true, messages: [{ role: "user", content: "weather?" }] });
    const frames = sseEvents(await response.text());
    expect(frames.at(-1)?.data).toBe("[DONE]");
    const chunks = frames
      .slice(0, -1)
      .map((frame) => JSON.parse(frame.data) as { choices: { delta: { tool_calls?: { function: { arguments: string } }[] }; finish_reason: string | null }[] });
    const argumentsText = chunks.map((chunk) => chunk.choices[0]?.delta.tool_calls?.[0]?.function.arguments ?? "").join("");
    expect(argumentsText).toBe('{"city":"Paris"}');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("ends a stream that fails after its start with an error frame and no [DONE]", async () => {
    events = toolCallStream.slice(0, 2);
    failAfterEvents = new ConnectError("provider cut the stream", Code.Unavailable);
    const frames = sseEvents(await (await post("/v1/chat/completions", { model: "small", stream: true, messages: [{ role: "user", content: "hi" }] })).text());
    expect(JSON.parse(frames.at(-1)?.data ?? "{}")).toMatchObject({ error: { type: "server_error", message: "provider cut the stream" } });
    expect(frames.some((frame) => frame.data === "[DONE]")).toBe(false);
  });

  it("names unknown fields and wrong types, and calls nothing", async () => {
    const unknown = await post("/v1/chat/completions", { model: "small", messages: [{ role: "user", content: "hi", colour: "red" }] });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { param: "messages[0].colour", type: "invalid_request_error" } });
    const wrongType = await post("/v1/chat/completions", { model: "small", messages: [{ role: "user", content: "hi" }], temperature: "hot" });
    expect(await wrongType.json()).toMatchObject({ error: { param: "temperature" } });
    expect((await post("/v1/chat/completions", "x".repeat(5000))).status).toBe(413);
    expect(received).toHaveLength(0);
  });

  it("passes switchyard.split (body or x-switchyard-split header) as SplitOptions, and names a bad one", async () => {
    const messages = [{ role: "user", content: "a long document" }];
    expect((await post("/v1/chat/completions", { model: "small", messages, switchyard: { split: { chunk_tokens: 2000, overlap_tokens: 50 } } })).status).toBe(
      200,
    );
    expect((await post("/v1/chat/completions", { model: "small", messages }, { "x-switchyard-split": "true" })).status).toBe(200);
    expect((await post("/v1/chat/completions", { model: "small", messages })).status).toBe(200);
    expect(received.map((request) => request.split)).toMatchObject([
      { enabled: true, chunkTokens: 2000, overlapTokens: 50 },
      { enabled: true, chunkTokens: 0 },
      undefined,
    ]);
    const bad = await post("/v1/chat/completions", { model: "small", messages, switchyard: { split: { chunk: 10 } } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toMatch(/^switchyard\.split/);
    expect(received).toHaveLength(3);
  });

  it("answers an unknown strategy with 404 naming the model", async () => {
    const response = await post("/v1/chat/completions", { model: "switchyard/nonexistent", messages: [{ role: "user", content: "hi" }] });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { param: "model", code: "model_not_found" } });
  });
});

describe("Anthropic messages", () => {
  it("maps tool_result turns to tool messages and answers tool_use blocks", async () => {
    answer = {
      ...baseAnswer,
      answer: "",
      finishReason: FinishReason.TOOL_CALLS,
      toolCalls: [{ id: "toolu_2", name: "get_weather", argumentsJson: '{"city":"Lyon"}' }],
    };
    const response = await post("/v1/messages", {
      model: "small",
      max_tokens: 100,
      system: "Be brief.",
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } }] },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_1", content: "21 degrees" },
            { type: "text", text: "And Lyon?" },
          ],
        },
      ],
    });
    expect(received[0]?.messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool", "user"]);
    expect(received[0]?.messages[2]?.toolCalls[0]).toMatchObject({ id: "toolu_1", argumentsJson: '{"city":"Paris"}' });
    expect(received[0]?.messages[3]).toMatchObject({ toolCallId: "toolu_1", content: "21 degrees" });
    expect(await response.json()).toMatchObject({
      stop_reason: "tool_use",
      content: [{ type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Lyon" } }],
    });
  });

  it("streams a tool_use block with input_json_delta fragments", async () => {
    events = toolCallStream;
    const frames = sseEvents(
      await (await post("/v1/messages", { model: "small", max_tokens: 100, stream: true, messages: [{ role: "user", content: "weather?" }] })).text(),
    );
    expect(frames.map((frame) => frame.event)).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(JSON.parse(frames[1]?.data ?? "{}")).toMatchObject({ content_block: { type: "tool_use", id: "call_1", name: "get_weather" } });
    const partial = frames
      .slice(2, 4)
      .map((frame) => (JSON.parse(frame.data) as { delta: { partial_json: string } }).delta.partial_json)
      .join("");
    expect(partial).toBe('{"city":"Paris"}');
  });

  it("ends a failing stream with an error event and no message_stop", async () => {
    events = toolCallStream.slice(0, 2);
    failAfterEvents = new ConnectError("deadline exceeded", Code.DeadlineExceeded);
    const frames = sseEvents(
      await (await post("/v1/messages", { model: "small", max_tokens: 100, stream: true, messages: [{ role: "user", content: "hi" }] })).text(),
    );
    expect(frames.at(-1)).toMatchObject({ event: "error" });
    expect(JSON.parse(frames.at(-1)?.data ?? "{}")).toMatchObject({ type: "error", error: { type: "timeout_error" } });
    expect(frames.some((frame) => frame.event === "message_stop")).toBe(false);
  });
});

describe("the door's routes", () => {
  it("hands /dashboard paths to a mounted handler and answers unknown paths with 404", async () => {
    expect(await (await fetch(`${url}/dashboard/spend`)).text()).toBe("dashboard");
    expect((await fetch(`${url}/v1/nothing`)).status).toBe(404);
    expect((await fetch(`${url}/v1/chat/completions`)).status).toBe(405);
  });
});
