import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Anthropic from "@anthropic-ai/sdk";
import type { RunningStack } from "@switchyard/stack";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack } from "./support/stack-fixture.js";

// The HTTP door with the official OpenAI and Anthropic Node clients and curl, on real processes.
let stack: RunningStack;
let openai: OpenAI;
let anthropic: Anthropic;
const maxBodyBytes = 64 * 1024;

beforeAll(async () => {
  stack = await startTestStack({ simLatencyScale: 0, serviceEnv: { router: { HTTP_MAX_BODY_BYTES: String(maxBodyBytes) } } });
  openai = new OpenAI({ baseURL: `${stack.urls.http}/v1`, apiKey: "sk-switchyard-local", maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: stack.urls.http, apiKey: "sk-switchyard-local", maxRetries: 0 });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const ask = (text: string) => [{ role: "user" as const, content: `${text} ${randomUUID()}` }];

/** Provider requests the simulator has received, over every model. */
async function providerRequests(): Promise<number> {
  const stats = (await (await fetch(`${stack.urls.sim}/_sim/stats`)).json()) as Record<string, { requests: number }>;
  return Object.values(stats).reduce((sum, model) => sum + model.requests, 0);
}

async function curl(...args: string[]): Promise<{ status: number; body: string; headers: string }> {
  const { stdout } = await promisify(execFile)("curl", ["-sS", "--http1.1", "-D", "-", ...args]);
  const [headers = "", body = ""] = stdout.split(/\r\n\r\n/, 2);
  return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(headers)?.[1]), headers, body };
}

describe("OpenAI SDK against the door", () => {
  it("answers model auto with the router's choice, usage and the itemisation", async () => {
    const { data, response } = await openai.chat.completions.create({ model: "auto", messages: ask("Say hi") }).withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.choices[0]?.message.content).toMatch(/^\[simulated sim-/);
    expect(data.model).toMatch(/^sim-/);
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage?.completion_tokens).toBeGreaterThan(0);
    type Itemised = { strategy: string; attempts: { costNanoUsd?: string; billed?: boolean }[]; total_cost_nano_usd: string };
    const extension = (data as unknown as { switchyard: Itemised }).switchyard;
    expect(extension.strategy).toMatch(/^auto\//);
    expect(extension.attempts.some((attempt) => attempt.billed)).toBe(true);
    // The total is what the attempts cost (zero when a free model, such as sim-ollama, answered).
    const itemised = extension.attempts.reduce((sum, attempt) => sum + BigInt(attempt.costNanoUsd ?? "0"), 0n);
    expect(BigInt(extension.total_cost_nano_usd)).toBe(itemised);
    expect(response.headers.get("x-switchyard-cost-nano-usd")).toBe(extension.total_cost_nano_usd);
  });

  it("pins a configured model and routes switchyard/cheapest", async () => {
    const pinned = await openai.chat.completions.create({ model: "sim-large", messages: ask("Say hi") });
    expect(pinned.model).toBe("sim-large");
    const cheapest = await openai.chat.completions.create({ model: "switchyard/cheapest", messages: ask("Say hi") });
    expect((cheapest as unknown as { switchyard: { strategy: string } }).switchyard.strategy).toMatch(/cheapest/);
  });

  it("streams deltas, a finish reason and the usage chunk asked for", async () => {
    const stream = await openai.chat.completions.create({
      model: "sim-small",
      messages: ask("Tell a story"),
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(text).toMatch(/^\[simulated sim-small\]/);
    expect(finish).toBe("stop");
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("accepts tools and a JSON schema in its own wire format", async () => {
    const tools = [
      {
        type: "function" as const,
        function: {
          name: "get_weather",
          description: "Weather in a city",
          parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        },
      },
    ];
    const completion = await openai.chat.completions.create({
      model: "sim-small",
      tools,
      tool_choice: "auto",
      messages: ask("What is the weather in Paris?"),
    });
    expect(completion.choices[0]?.finish_reason).toMatch(/stop|tool_calls/);
    const structured = await openai.chat.completions.create({
      model: "sim-small",
      messages: ask("Give a city as JSON"),
      response_format: {
        type: "json_schema",
        json_schema: { name: "city", schema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] } },
      },
    });
    expect(structured.choices[0]?.message.role).toBe("assistant");
  });

  it("runs a tool round trip: a tool call, then an answer from the tool's result", async () => {
    const tools = [
      {
        type: "function" as const,
        function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
      },
    ];
    const messages: OpenAI.ChatCompletionMessageParam[] = ask("What is the weather in Paris?");
    const first = await openai.chat.completions.create({ model: "sim-small", tools, messages });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type === "function" ? call.function.name : undefined).toBe("get_weather");
    const args = JSON.parse(call?.type === "function" ? call.function.arguments : "{}") as { city?: unknown };
    expect(typeof args.city).toBe("string");
    messages.push(first.choices[0]!.message, { role: "tool", tool_call_id: call!.id, content: "21 degrees and sunny" });
    const second = await openai.chat.completions.create({ model: "sim-small", tools, messages });
    expect(second.choices[0]?.finish_reason).toBe("stop");
    expect(second.choices[0]?.message.content).toContain("get_weather returned 21 degrees and sunny");
  });

  it("answers a JSON schema request with JSON valid against the schema", async () => {
    const schema = {
      type: "object",
      properties: { name: { type: "string" }, population: { type: "integer" } },
      required: ["name", "population"],
      additionalProperties: false,
    };
    const structured = await openai.chat.completions.create({
      model: "sim-small",
      messages: ask("Give a city as JSON"),
      response_format: { type: "json_schema", json_schema: { name: "city", strict: true, schema } },
    });
    const city = JSON.parse(structured.choices[0]?.message.content ?? "") as Record<string, unknown>;
    expect(Object.keys(city).sort()).toEqual(["name", "population"]);
    expect(typeof city.name).toBe("string");
    expect(Number.isInteger(city.population)).toBe(true);
  });

  it("lists the tenant's models, auto and the strategies", async () => {
    const ids = [];
    for await (const model of openai.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(["sim-small", "sim-large", "auto", "switchyard/cheapest"]));
  });

  it("refuses bad input with 400 naming the field, before any provider is called", async () => {
    const before = await providerRequests();
    const unknown = openai.chat.completions.create({
      model: "sim-small",
      messages: ask("hi"),
      temperature_x: 1,
    } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
    await expect(unknown).rejects.toMatchObject({ status: 400, param: "temperature_x", type: "invalid_request_error" });
    const wrongType = openai.chat.completions.create({
      model: "sim-small",
      messages: [{ role: "user", content: 42 }],
    } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
    await expect(wrongType).rejects.toMatchObject({ status: 400, param: "messages[0].content" });
    const noModel = openai.chat.completions.create({ messages: ask("hi") } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
    await expect(noModel).rejects.toMatchObject({ status: 400, param: "model" });
    expect(await providerRequests()).toBe(before);
  });

  it("answers 401, 404, 429 and 504 in OpenAI's error shape", async () => {
    const stranger = new OpenAI({ baseURL: `${stack.urls.http}/v1`, apiKey: "sk-not-a-key", maxRetries: 0 });
    await expect(stranger.chat.completions.create({ model: "auto", messages: ask("hi") })).rejects.toMatchObject({ status: 401, code: "invalid_api_key" });
    await expect(openai.chat.completions.create({ model: "gpt-nonexistent", messages: ask("hi") })).rejects.toMatchObject({
      status: 404,
      code: "model_not_found",
    });
    const overBudget = openai.chat.completions.create({
      model: "sim-large",
      messages: ask("hi"),
      switchyard: { max_cost_usd: "0.000000001" },
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    await expect(overBudget).rejects.toMatchObject({ status: 429, type: "rate_limit_error" });
    const stalled = openai.chat.completions.create(
      { model: "sim-small", messages: ask("[[sim:stall]] hi") },
      { headers: { "x-switchyard-timeout-ms": "300" } },
    );
    await expect(stalled).rejects.toMatchObject({ status: 504 });
  });

  it("answers 503 with Retry-After when the provider stays unavailable", async () => {
    const refused = await openai.chat.completions.create({ model: "sim-small", messages: ask("[[sim:unavailable]] hi") }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    expect(refused).toMatchObject({ status: 503, type: "server_error" });
    expect(Number((refused as InstanceType<typeof OpenAI.APIError>).headers?.get("retry-after"))).toBeGreaterThan(0);
  });

  it("ends a stream that fails after its first byte with an error, not a clean end", async () => {
    const stream = await openai.chat.completions.create({ model: "sim-small", messages: ask("[[sim:cut after_tokens=2]] Tell a long story"), stream: true });
    const read = async (): Promise<string> => {
      let text = "";
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      return text;
    };
    await expect(read()).rejects.toThrow();
  });
});

describe("Anthropic SDK against the door", () => {
  it("answers a message with Anthropic's content blocks, usage and stop reason", async () => {
    const message = await anthropic.messages.create({ model: "auto", max_tokens: 200, system: "Be brief.", messages: ask("Say hi") });
    expect(message.type).toBe("message");
    expect(message.content[0]).toMatchObject({ type: "text" });
    expect(message.content[0]?.type === "text" ? message.content[0].text : "").toMatch(/^\[simulated sim-/);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it("streams Anthropic's event sequence into the SDK's final message", async () => {
    const events: string[] = [];
    const stream = anthropic.messages.stream({ model: "sim-small", max_tokens: 200, messages: ask("Tell a story") });
    stream.on("streamEvent", (event) => events.push(event.type));
    const message = await stream.finalMessage();
    expect(events[0]).toBe("message_start");
    expect(events).toEqual(expect.arrayContaining(["content_block_start", "content_block_delta", "content_block_stop", "message_delta"]));
    expect(events.at(-1)).toBe("message_stop");
    expect(message.content[0]?.type === "text" ? message.content[0].text : "").toMatch(/^\[simulated sim-small\]/);
  });

  it("accepts tool definitions", async () => {
    const message = await anthropic.messages.create({
      model: "sim-small",
      max_tokens: 200,
      tools: [{ name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }],
      messages: ask("Weather in Paris?"),
    });
    expect(message.stop_reason).toMatch(/end_turn|tool_use/);
  });

  it("runs a tool round trip: tool_use, then an answer from the tool_result", async () => {
    const tools = [{ name: "get_weather", input_schema: { type: "object" as const, properties: { city: { type: "string" } }, required: ["city"] } }];
    const messages: Anthropic.MessageParam[] = ask("Weather in Paris?");
    const first = await anthropic.messages.create({ model: "sim-small", max_tokens: 200, tools, messages });
    const use = first.content.find((block) => block.type === "tool_use");
    expect(first.stop_reason).toBe("tool_use");
    expect(use).toMatchObject({ type: "tool_use", name: "get_weather" });
    expect(typeof (use?.input as { city?: unknown } | undefined)?.city).toBe("string");
    messages.push(
      { role: "assistant", content: first.content },
      { role: "user", content: [{ type: "tool_result", tool_use_id: use!.id, content: "21 degrees and sunny" }] },
    );
    const second = await anthropic.messages.create({ model: "sim-small", max_tokens: 200, tools, messages });
    expect(second.stop_reason).toBe("end_turn");
    expect(second.content[0]?.type === "text" ? second.content[0].text : "").toContain("get_weather returned 21 degrees and sunny");
  });

  it("counts tokens with the model's tokenizer", async () => {
    const short = await anthropic.messages.countTokens({ model: "sim-small", messages: [{ role: "user", content: "hi" }] });
    const long = await anthropic.messages.countTokens({ model: "sim-small", messages: [{ role: "user", content: "hi ".repeat(200) }] });
    expect(short.input_tokens).toBeGreaterThan(0);
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens);
  });

  it("refuses bad input and unknown models in Anthropic's error shape", async () => {
    const before = await providerRequests();
    const noMaxTokens = anthropic.messages.create({ model: "sim-small", messages: ask("hi") } as unknown as Anthropic.MessageCreateParamsNonStreaming);
    await expect(noMaxTokens).rejects.toMatchObject({ status: 400, error: { type: "error", error: { type: "invalid_request_error" } } });
    await expect(noMaxTokens).rejects.toThrow(/max_tokens/);
    expect(await providerRequests()).toBe(before);
    await expect(anthropic.messages.create({ model: "claude-nonexistent", max_tokens: 10, messages: ask("hi") })).rejects.toMatchObject({
      status: 404,
      error: { error: { type: "not_found_error" } },
    });
    const stranger = new Anthropic({ baseURL: stack.urls.http, apiKey: "sk-not-a-key", maxRetries: 0 });
    await expect(stranger.messages.create({ model: "auto", max_tokens: 10, messages: ask("hi") })).rejects.toMatchObject({ status: 401 });
  });

  it("ends a failing stream with Anthropic's error event", async () => {
    const stream = anthropic.messages.stream({ model: "sim-small", max_tokens: 200, messages: ask("[[sim:cut after_tokens=2]] Tell a long story") });
    await expect(stream.finalMessage()).rejects.toThrow();
  });
});

describe("curl over HTTP/1.1", () => {
  it("calls the door's chat completions", async () => {
    const body = JSON.stringify({ model: "auto", messages: ask("Say hi") });
    const answer = await curl("-H", "content-type: application/json", "-d", body, `${stack.urls.http}/v1/chat/completions`);
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toMatch(/^\[simulated/);
  });

  it("gets invalid JSON and oversized bodies refused with 400 and 413", async () => {
    const invalid = await curl("-H", "content-type: application/json", "-d", "{not json", `${stack.urls.http}/v1/chat/completions`);
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body)).toMatchObject({ error: { type: "invalid_request_error" } });
    const huge = join(mkdtempSync(join(tmpdir(), "switchyard-door-")), "huge.json");
    writeFileSync(huge, JSON.stringify({ model: "auto", messages: [{ role: "user", content: "x".repeat(2 * maxBodyBytes) }] }));
    const tooLarge = await curl("-H", "content-type: application/json", "--data-binary", `@${huge}`, `${stack.urls.http}/v1/chat/completions`);
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body)).toMatchObject({ error: { code: "request_too_large" } });
  });

  it("calls RouterService.Complete as Connect JSON on the router's gRPC port", async () => {
    const body = JSON.stringify({ messages: ask("Say hi"), strategy: { pinned: { model: "sim-small" } } });
    const answer = await curl("-H", "content-type: application/json", "-d", body, `${stack.urls.router}/switchyard.v1.RouterService/Complete`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ model: "sim-small", simulated: true });
    const refused = await curl(
      "-H",
      "content-type: application/json",
      "-d",
      JSON.stringify({ messages: [] }),
      `${stack.urls.router}/switchyard.v1.RouterService/Complete`,
    );
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ code: "invalid_argument" });
  });
});
