import type { StreamPart } from "@switchyard/provider-spec";
import { describe, expect, it } from "vitest";
import { readFixture, useRecordingServers } from "../../test-support/recording-server.js";
import { createOpenAiExecutor } from "./openai-executor.js";

const fixture = (name: string) => readFixture(import.meta.dirname, name);
const live = () => new AbortController().signal;
const startRecordingServer = useRecordingServers();

async function collect(parts: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const collected: StreamPart[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

describe("createOpenAiExecutor", () => {
  it("sends OpenRouter's attribution headers and the request it should, and reads the recorded answer", async () => {
    const server = await startRecordingServer(200, JSON.parse(fixture("chat-completion.json")));
    const executor = createOpenAiExecutor({
      provider: "openrouter",
      modelId: "meta-llama/llama-3.1-8b-instruct",
      baseUrl: `${server.url}/api/v1`,
      apiKey: "sk-or-test",
      headers: { "HTTP-Referer": "https://github.com/switchyard/switchyard", "X-Title": "Switchyard" },
    });
    const result = await executor.generate({
      messages: [{ role: "user", content: "Hi" }],
      settings: { maxOutputTokens: 20, temperature: 0 },
      providerOptions: { provider: { order: ["groq"] } },
      abortSignal: live(),
    });
    expect(result).toEqual({
      text: "Hello there.",
      finishReason: "stop",
      usage: { inputTokens: 12, cachedInputTokens: 4, cacheCreationInputTokens: 0, outputTokens: 3, reasoningTokens: 0, totalTokens: 15, estimated: false },
    });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", url: "/api/v1/chat/completions" });
    expect(request!.headers).toMatchObject({
      authorization: "Bearer sk-or-test",
      "http-referer": "https://github.com/switchyard/switchyard",
      "x-title": "Switchyard",
    });
    expect(request!.body).toEqual({
      model: "meta-llama/llama-3.1-8b-instruct",
      messages: [{ role: "user", content: "Hi" }],
      max_tokens: 20,
      temperature: 0,
      provider: { order: ["groq"] },
      stream: false,
    });
  });

  it("streams deltas then the finish with usage, asking for usage in the stream (Gemini's compatibility path)", async () => {
    const server = await startRecordingServer(200, fixture("chat-stream.chunks.txt"), "text/event-stream");
    const executor = createOpenAiExecutor({
      provider: "gemini",
      modelId: "gemini-2.5-flash",
      baseUrl: `${server.url}/v1beta/openai`,
      apiKey: "g",
      headers: {},
    });
    const parts = await collect(executor.stream({ messages: [{ role: "user", content: "Hi" }], settings: {}, providerOptions: {}, abortSignal: live() }));
    expect(parts).toEqual([
      { type: "text-delta", text: "Hel" },
      { type: "text-delta", text: "lo." },
      {
        type: "finish",
        finishReason: "stop",
        usage: { inputTokens: 9, cachedInputTokens: 0, cacheCreationInputTokens: 0, outputTokens: 2, reasoningTokens: 0, totalTokens: 11, estimated: false },
      },
    ]);
    expect(server.requests[0]).toMatchObject({ url: "/v1beta/openai/chat/completions", body: { stream: true, stream_options: { include_usage: true } } });
  });

  it("turns an error answer into a ProviderError with the provider's words", async () => {
    const server = await startRecordingServer(401, { error: { message: "Invalid API key", type: "invalid_request_error", code: "invalid_api_key" } });
    const executor = createOpenAiExecutor({ provider: "openai", modelId: "gpt-4o-mini", baseUrl: `${server.url}/v1`, apiKey: "bad", headers: {} });
    await expect(
      executor.generate({ messages: [{ role: "user", content: "Hi" }], settings: {}, providerOptions: {}, abortSignal: live() }),
    ).rejects.toMatchObject({
      name: "ProviderError",
      kind: "auth",
      status: 401,
      message: "Invalid API key",
    });
  });

  it("refuses provider options of the wrong type before any call", () => {
    const executor = createOpenAiExecutor({ provider: "openai", modelId: "gpt-4o-mini", baseUrl: "http://127.0.0.1:1/v1", apiKey: "k", headers: {} });
    expect(() => executor.validateProviderOptions({ presence_penalty: "high" })).toThrow(/providerOptions\.presence_penalty/);
  });
});
