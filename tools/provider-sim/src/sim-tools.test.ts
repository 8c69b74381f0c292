import { Ollama } from "ollama";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultSimModels, scaleLatency } from "./sim-models.js";
import { startSimServer } from "./sim-server.js";
import type { RunningSim } from "./sim-server.js";

let sim: RunningSim;
let openai: OpenAI;
let ollama: Ollama;

beforeAll(async () => {
  sim = await startSimServer({ models: scaleLatency(defaultSimModels, 0.05) }, "127.0.0.1", 0);
  openai = new OpenAI({ baseURL: `${sim.url}/v1`, apiKey: "sim", maxRetries: 0 });
  ollama = new Ollama({ host: sim.url });
});
afterAll(() => sim.close());
beforeEach(() => sim.faults.reset());

const weatherParameters = {
  type: "object",
  properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] }, days: { type: "integer" } },
  required: ["city", "unit"],
};
const tools: OpenAI.ChatCompletionTool[] = [{ type: "function", function: { name: "get_weather", parameters: weatherParameters } }];
const ask: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: "Weather in Paris?" }];

async function streamedToolCall(messages: OpenAI.ChatCompletionMessageParam[], headers: Record<string, string> = {}) {
  const stream = await openai.chat.completions.create(
    { model: "sim-small", messages, tools, stream: true, stream_options: { include_usage: true } },
    { headers },
  );
  const fragments: { id?: string | undefined; name?: string | undefined; arguments?: string | undefined }[] = [];
  let finish: string | null | undefined;
  let usage: OpenAI.CompletionUsage | null | undefined;
  for await (const chunk of stream) {
    for (const call of chunk.choices[0]?.delta.tool_calls ?? [])
      fragments.push({ id: call.id, name: call.function?.name, arguments: call.function?.arguments });
    finish ??= chunk.choices[0]?.finish_reason;
    if (chunk.usage) usage = chunk.usage;
  }
  return { fragments, finish, usage };
}

describe("tool calls, JSON schema and images on the OpenAI protocol", () => {
  it("calls the offered tool with arguments valid for its schema, deterministically", async () => {
    const first = await openai.chat.completions.create({ model: "sim-small", messages: ask, tools });
    const second = await openai.chat.completions.create({ model: "sim-small", messages: ask, tools });
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(first.choices[0]!.finish_reason).toBe("tool_calls");
    expect(first.choices[0]!.message.content).toBeNull();
    expect(call).toMatchObject({ type: "function", function: { name: "get_weather" } });
    expect(call.id).toMatch(/^call_sim_/);
    expect(JSON.parse((call as OpenAI.ChatCompletionMessageFunctionToolCall).function.arguments)).toEqual({
      city: "simulated by [simulated sim-small]",
      unit: "celsius",
      days: 1,
    });
    expect(second.choices[0]!.message.tool_calls).toEqual(first.choices[0]!.message.tool_calls);
  });

  it("streams the call as OpenAI does: id and name first, then the arguments split over several chunks", async () => {
    const whole = await openai.chat.completions.create({ model: "sim-small", messages: ask, tools });
    const wholeCall = whole.choices[0]!.message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    const { fragments, finish, usage } = await streamedToolCall(ask);
    expect(fragments[0]).toEqual({ id: wholeCall.id, name: "get_weather", arguments: "" });
    expect(fragments.length).toBeGreaterThan(3);
    expect(fragments.slice(1).every((fragment) => fragment.id === undefined && fragment.name === undefined)).toBe(true);
    expect(fragments.map((fragment) => fragment.arguments).join("")).toBe(wholeCall.function.arguments);
    expect(finish).toBe("tool_calls");
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("answers the tool's result, and calls no tool when told not to", async () => {
    const call = (await openai.chat.completions.create({ model: "sim-small", messages: ask, tools })).choices[0]!.message.tool_calls![0]!;
    const turns: OpenAI.ChatCompletionMessageParam[] = [
      ...ask,
      { role: "assistant", content: null, tool_calls: [call] },
      { role: "tool", tool_call_id: call.id, content: '{"celsius":21}' },
    ];
    const answer = await openai.chat.completions.create({ model: "sim-small", messages: turns, tools });
    expect(answer.choices[0]!.message.content).toBe('[simulated sim-small] get_weather returned {"celsius":21}');
    expect(answer.choices[0]!.finish_reason).toBe("stop");
    const none = await openai.chat.completions.create({ model: "sim-small", messages: ask, tools, tool_choice: "none" });
    expect(none.choices[0]!.message.tool_calls).toBeUndefined();
  });

  it("answers a JSON schema with a value of it, and an image prompt by counting the images", async () => {
    const structured = await openai.chat.completions.create({
      model: "sim-small",
      messages: ask,
      response_format: { type: "json_schema", json_schema: { name: "weather", schema: weatherParameters, strict: true } },
    });
    expect(JSON.parse(structured.choices[0]!.message.content!)).toEqual({ city: "simulated by [simulated sim-small]", unit: "celsius", days: 1 });
    const image = await openai.chat.completions.create({
      model: "sim-small",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          ],
        },
      ],
    });
    expect(image.choices[0]!.message.content).toBe("[simulated sim-small] I was shown 1 image; this description is simulated.");
  });

  it("faults: bad_tool_args sends arguments that are not JSON; cut drops the stream inside the call", async () => {
    const bad = await openai.chat.completions.create({ model: "sim-small", messages: ask, tools }, { headers: { "x-sim-fault": "bad_tool_args" } });
    const argumentsText = (bad.choices[0]!.message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall).function.arguments;
    expect(() => JSON.parse(argumentsText) as unknown).toThrow();
    const whole = (await openai.chat.completions.create({ model: "sim-small", messages: ask, tools })).choices[0]!.message
      .tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    const received: string[] = [];
    await expect(
      (async () => {
        const stream = await openai.chat.completions.create(
          { model: "sim-small", messages: ask, tools, stream: true },
          { headers: { "x-sim-fault": "cut after_tokens=2" } },
        );
        for await (const chunk of stream) for (const call of chunk.choices[0]?.delta.tool_calls ?? []) received.push(call.function?.arguments ?? "");
      })(),
    ).rejects.toThrow();
    expect(received.join("").length).toBeGreaterThan(0);
    expect(received.join("")).not.toBe(whole.function.arguments);
  });
});

describe("tool calls, JSON schema and images on the Ollama protocol", () => {
  it("sends a whole tool call with object arguments, a schema answer for `format`, and counts images", async () => {
    const called = await ollama.chat({
      model: "sim-small",
      messages: [{ role: "user", content: "Weather in Paris?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: weatherParameters } }],
      stream: false,
    });
    expect(called.message.tool_calls).toEqual([
      { function: { name: "get_weather", arguments: { city: "simulated by [simulated sim-small]", unit: "celsius", days: 1 } } },
    ]);
    expect(called.done_reason).toBe("stop");
    const structured = await ollama.chat({ model: "sim-small", messages: [{ role: "user", content: "Weather?" }], format: weatherParameters, stream: false });
    expect(JSON.parse(structured.message.content)).toMatchObject({ unit: "celsius" });
    const image = await ollama.chat({
      model: "sim-small",
      messages: [{ role: "user", content: "What is this?", images: ["iVBORw0KGgo=", "iVBORw0KGgo="] }],
      stream: false,
    });
    expect(image.message.content).toBe("[simulated sim-small] I was shown 2 images; this description is simulated.");
  });

  it("streams a tool call whole in the final object", async () => {
    const lines = await ollama.chat({
      model: "sim-small",
      messages: [{ role: "user", content: "Weather in Paris?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: weatherParameters } }],
      stream: true,
    });
    const calls = [];
    for await (const line of lines) calls.push(...(line.message.tool_calls ?? []));
    expect(calls).toEqual([{ function: { name: "get_weather", arguments: { city: "simulated by [simulated sim-small]", unit: "celsius", days: 1 } } }]);
  });
});
