import { Code } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import type { ModelPrice } from "@switchyard/pricing";
import { costOfUsage } from "@switchyard/pricing";
import type { PromptMessage, StreamPart, ToolSpec } from "@switchyard/provider-spec";
import { errorDetailOf } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import { providerErrorToConnectError } from "../../provider-error-status.js";
import { readRecording, replay } from "../../test-support/recorded-wire.js";
import { useRecordingServers } from "../../test-support/recording-server.js";
import { createOpenAiExecutor } from "./openai-executor.js";

/**
 * The adapter against real provider traffic (README in __fixtures__/recorded says where each
 * recording comes from): what we send must be what the real client sent, and what the real
 * provider answered must come out as the right tool calls, usage, finish reason and errors.
 */
const recording = (name: string) => readRecording(import.meta.dirname, name);
const live = () => new AbortController().signal;
const startRecordingServer = useRecordingServers();

async function executorFor(name: string, modelId: string, options: { reasoning?: boolean; headers?: Record<string, string> } = {}) {
  const server = await replay(startRecordingServer, recording(name), options.headers);
  return {
    server,
    executor: createOpenAiExecutor({
      provider: "openai",
      modelId,
      baseUrl: `${server.url}/v1`,
      apiKey: "k",
      headers: {},
      ...(options.reasoning ? { reasoning: true } : {}),
    }),
  };
}

async function collect(parts: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const collected: StreamPart[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

const getCapital: ToolSpec = {
  name: "get_capital",
  parameters: { additionalProperties: false, properties: { country: { type: "string" } }, required: ["country"], type: "object" },
  strict: true,
};
/** The tools a recorded request defined, as the caller would give them. */
function toolsOf(request: Record<string, unknown>): ToolSpec[] {
  const tools = request["tools"] as { function: { name: string; description?: string; parameters: Record<string, unknown>; strict?: boolean } }[];
  return tools.map(({ function: tool }) => ({
    name: tool.name,
    parameters: tool.parameters,
    ...(tool.description ? { description: tool.description } : {}),
    ...(tool.strict ? { strict: true } : {}),
  }));
}

function withoutNullContent(messages: unknown): unknown {
  return (messages as Record<string, unknown>[]).map(({ content, ...rest }) => (content === null ? rest : { content, ...rest }));
}

const askCapital: PromptMessage = { role: "user", content: "What is the capital of the UK? Use the tool, then answer." };
const capitalCall = { id: "call_ZR5UUuTt3pf61kjwAJIYdVMj", name: "get_capital", argumentsJson: '{"country":"UK"}' };

describe("OpenAI adapter on recorded OpenAI wire", () => {
  it("reads a tool call (gpt-4o, tool_choice required) and sends the tool round trip as the real client did", async () => {
    const first = await executorFor("openai-tool-call.json", "gpt-4o");
    const tools = toolsOf(recording("openai-tool-call.json").request!);
    const ask: PromptMessage = { role: "user", content: "What is the largest city in the user country?" };
    const result = await first.executor.generate({
      messages: [ask],
      settings: { tools, toolChoice: { mode: "required" } },
      providerOptions: {},
      abortSignal: live(),
    });
    expect(result).toMatchObject({
      text: "",
      finishReason: "tool-calls",
      toolCalls: [{ id: "call_iXFttys57ap0o16JSlC8yhYo", name: "get_user_country", argumentsJson: "{}" }],
    });
    expect(result.usage).toMatchObject({ inputTokens: 68, outputTokens: 12, totalTokens: 80 });
    const sent = first.server.requests[0]!.body;
    const recorded = recording("openai-tool-call.json").request!;
    expect(sent).toMatchObject({ model: recorded["model"], messages: recorded["messages"], tool_choice: recorded["tool_choice"] });
    expect((sent["tools"] as { function: { name: string; parameters: unknown } }[]).map((tool) => tool.function.parameters)).toEqual(
      (recorded["tools"] as { function: { parameters: unknown } }[]).map((tool) => tool.function.parameters),
    );

    const second = await executorFor("openai-tool-result-turn.json", "gpt-4o");
    const turns: PromptMessage[] = [
      ask,
      { role: "assistant", content: "", toolCalls: result.toolCalls! },
      { role: "tool", content: "Mexico", toolCallId: "call_iXFttys57ap0o16JSlC8yhYo" },
    ];
    const answer = await second.executor.generate({
      messages: turns,
      settings: { tools, toolChoice: { mode: "required" } },
      providerOptions: {},
      abortSignal: live(),
    });
    // This client leaves `content` out of an assistant tool-call turn where the streaming one sends null: OpenAI takes both.
    expect(withoutNullContent(second.server.requests[0]!.body["messages"])).toEqual(recording("openai-tool-result-turn.json").request!["messages"]);
    expect(answer.toolCalls).toEqual([
      { id: "call_gmD2oUZUzSoCkmNmp3JPUF7R", name: "final_result", argumentsJson: '{"city": "Mexico City", "country": "Mexico"}' },
    ]);
  });

  it("streams a tool call as the fragments OpenAI sent, in order, then the assembled call and usage (gpt-4o-mini)", async () => {
    const { server, executor } = await executorFor("openai-tool-call.stream.json", "gpt-4o-mini");
    const parts = await collect(
      executor.stream({ messages: [askCapital], settings: { tools: [getCapital], toolChoice: { mode: "auto" } }, providerOptions: {}, abortSignal: live() }),
    );
    expect(parts).toEqual([
      { type: "tool-call-delta", index: 0, id: capitalCall.id, name: "get_capital", argumentsFragment: "" },
      ...['{"', "country", '":"', "UK", '"}'].map((argumentsFragment) => ({ type: "tool-call-delta", index: 0, argumentsFragment })),
      {
        type: "finish",
        finishReason: "tool-calls",
        usage: { inputTokens: 53, cachedInputTokens: 0, cacheCreationInputTokens: 0, outputTokens: 15, reasoningTokens: 0, totalTokens: 68, estimated: false },
        toolCalls: [capitalCall],
      },
    ]);
    expect(server.requests[0]!.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      tool_choice: "auto",
      messages: recording("openai-tool-call.stream.json").request!["messages"],
    });
  });

  it("streams the final answer after the tool result, sending the turns the real client sent", async () => {
    const { server, executor } = await executorFor("openai-tool-result-turn.stream.json", "gpt-4o-mini");
    const turns: PromptMessage[] = [
      askCapital,
      { role: "assistant", content: "", toolCalls: [capitalCall] },
      { role: "tool", content: "London", toolCallId: capitalCall.id },
    ];
    const parts = await collect(
      executor.stream({ messages: turns, settings: { tools: [getCapital], toolChoice: { mode: "auto" } }, providerOptions: {}, abortSignal: live() }),
    );
    expect(parts.flatMap((part) => (part.type === "text-delta" ? [part.text] : [])).join("")).toBe("The capital of the UK is London.");
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: "stop", usage: { inputTokens: 78, outputTokens: 9 } });
    expect(server.requests[0]!.body["messages"]).toEqual(recording("openai-tool-result-turn.stream.json").request!["messages"]);
  });

  it("sends a reasoning model max_completion_tokens and reads its reasoning tokens (o3-mini)", async () => {
    const { server, executor } = await executorFor("openai-reasoning-o3-mini.json", "o3-mini", { reasoning: true });
    const result = await executor.generate({
      messages: [{ role: "user", content: "hello" }],
      settings: { maxOutputTokens: 100, temperature: 0.5 },
      providerOptions: {},
      abortSignal: live(),
    });
    expect(server.requests[0]!.body).toEqual(recording("openai-reasoning-o3-mini.json").request);
    expect(result.usage).toEqual({
      inputTokens: 7,
      cachedInputTokens: 0,
      cacheCreationInputTokens: 0,
      outputTokens: 87,
      reasoningTokens: 64,
      totalTokens: 94,
      estimated: false,
    });
  });

  it("reads cache writes and cache reads of an explicit prompt cache", async () => {
    const write = await executorFor("openai-cache-write.json", "gpt-5.6-sol");
    const read = await executorFor("openai-cache-read.json", "gpt-5.6-sol");
    const call = { messages: [{ role: "user", content: "x" }], settings: {}, providerOptions: {}, abortSignal: live() };
    expect((await write.executor.generate(call)).usage).toMatchObject({
      inputTokens: 4020,
      cachedInputTokens: 0,
      cacheCreationInputTokens: 4012,
      outputTokens: 4,
    });
    expect((await read.executor.generate(call)).usage).toMatchObject({
      inputTokens: 4020,
      cachedInputTokens: 4012,
      cacheCreationInputTokens: 0,
      outputTokens: 4,
    });
  });

  it("sends a JSON-schema response format as the real client did and reads the JSON answer", async () => {
    const { server, executor } = await executorFor("openai-json-schema.json", "gpt-4o");
    const recorded = recording("openai-json-schema.json").request!;
    const format = recorded["response_format"] as { json_schema: { name: string; schema: Record<string, unknown>; strict: boolean } };
    const result = await executor.generate({
      messages: [{ role: "user", content: "What is the largest city in the user country?" }],
      settings: {
        responseFormat: { type: "json-schema", name: format.json_schema.name, schema: format.json_schema.schema, strict: format.json_schema.strict },
      },
      providerOptions: {},
      abortSignal: live(),
    });
    expect(server.requests[0]!.body["response_format"]).toEqual(recorded["response_format"]);
    expect(JSON.parse(result.text)).toEqual({ city: "Mexico City", country: "Mexico" });
  });
});

describe("OpenAI adapter on recorded OpenRouter wire", () => {
  it("reads a tool call whose id is not OpenAI-shaped and whose text is empty (mistral-small)", async () => {
    const { executor } = await executorFor("openrouter-tool-call.json", "mistralai/mistral-small");
    const result = await executor.generate({ messages: [{ role: "user", content: "divide" }], settings: {}, providerOptions: {}, abortSignal: live() });
    expect(result).toMatchObject({
      text: "",
      finishReason: "tool-calls",
      toolCalls: [{ id: "3sniiMddS", name: "divide", argumentsJson: '{"numerator": 123, "denominator": 456, "on_inf": "infinity"}' }],
    });
    expect(result.usage).toMatchObject({ inputTokens: 134, outputTokens: 43, totalTokens: 177 });
  });

  it("reads reasoning tokens of a routed reasoning model (openai/gpt-5-mini)", async () => {
    const { executor } = await executorFor("openrouter-reasoning-usage.json", "openai/gpt-5-mini", { reasoning: true });
    const result = await executor.generate({ messages: [{ role: "user", content: "x" }], settings: {}, providerOptions: {}, abortSignal: live() });
    expect(result.usage).toEqual({
      inputTokens: 17,
      cachedInputTokens: 0,
      cacheCreationInputTokens: 0,
      outputTokens: 1515,
      reasoningTokens: 704,
      totalTokens: 1532,
      estimated: false,
    });
  });
});

/** A price with distinct rates for every kind of token, so each term of the sum shows. */
const price: ModelPrice = {
  inputPerMillion: 1_250_000_000n,
  cachedInputPerMillion: 125_000_000n,
  cacheWritePerMillion: 1_562_500_000n,
  outputPerMillion: 10_000_000_000n,
  tiers: [],
  source: "config",
};

describe("cost of recorded usage", () => {
  it("prices cache writes, cache reads and reasoning exactly, in nano-USD", async () => {
    const call = { messages: [{ role: "user", content: "x" }], settings: {}, providerOptions: {}, abortSignal: live() };
    const write = (await (await executorFor("openai-cache-write.json", "m")).executor.generate(call)).usage;
    const read = (await (await executorFor("openai-cache-read.json", "m")).executor.generate(call)).usage;
    const reasoning = (await (await executorFor("openai-reasoning-o3-mini.json", "o3-mini", { reasoning: true })).executor.generate(call)).usage;
    // 8 uncached x 1.25 + 4012 written x 1.5625 + 4 out x 10 = 6,318,750,000,000 nano-USD per million tokens.
    expect(costOfUsage(write, price)).toBe(6_318_750n);
    // 8 uncached x 1.25 + 4012 cached x 0.125 + 4 out x 10 = 551,500,000,000.
    expect(costOfUsage(read, price)).toBe(551_500n);
    // 7 in x 1.25 + 87 out (64 of them reasoning, billed once as output) x 10 = 878,750,000,000.
    expect(costOfUsage(reasoning, price)).toBe(878_750n);
  });
});

describe("recorded error bodies", () => {
  it.each([
    ["openai-429-rate-limit.json", "rate_limited", Code.ResourceExhausted, ErrorReason.PROVIDER_RATE_LIMITED, /Rate limit reached for gpt-4o-mini/],
    ["openai-400-context-length.json", "context_length", Code.FailedPrecondition, ErrorReason.CONTEXT_LENGTH_EXCEEDED, /maximum context length is 4097 tokens/],
    ["openai-401-invalid-key.json", "auth", Code.PermissionDenied, ErrorReason.PROVIDER_AUTH, /Incorrect API key provided/],
    [
      "openrouter-429.json",
      "rate_limited",
      Code.ResourceExhausted,
      ErrorReason.PROVIDER_RATE_LIMITED,
      /Provider returned error: google\/gemini-2\.0-flash-exp:free is temporarily rate-limited upstream/,
    ],
  ])("%s becomes a %s ProviderError, gRPC code %i and reason %i, the provider's message kept", async (name, kind, code, reason, message) => {
    const { executor } = await executorFor(name, "gpt-4o-mini");
    const error = await executor
      .generate({ messages: [{ role: "user", content: "x" }], settings: {}, providerOptions: {}, abortSignal: live() })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "ProviderError", kind, status: recording(name).status });
    const connectError = providerErrorToConnectError(error as Parameters<typeof providerErrorToConnectError>[0], "gpt-4o-mini");
    expect(connectError.code).toBe(code);
    expect(errorDetailOf(connectError)).toMatchObject({ reason, model: "gpt-4o-mini", providerStatus: recording(name).status });
    expect(connectError.rawMessage).toMatch(message);
  });

  it("honours Retry-After on a 429 (the header is added here: the recorded body came without its headers)", async () => {
    const { executor } = await executorFor("openai-429-rate-limit.json", "gpt-4o-mini", { headers: { "retry-after": "20" } });
    const error = await executor
      .generate({ messages: [{ role: "user", content: "x" }], settings: {}, providerOptions: {}, abortSignal: live() })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 20_000, isRetryable: true });
  });
});
