import type { StreamPart } from "@switchyard/provider-spec";
import { usageOf } from "@switchyard/provider-spec";
import { describe, expect, it } from "vitest";
import { readFixture, useRecordingServers } from "../../test-support/recording-server.js";
import { createOllamaExecutor } from "./ollama-executor.js";

const fixture = (name: string) => readFixture(import.meta.dirname, name);
const live = () => new AbortController().signal;
const startRecordingServer = useRecordingServers();

describe("createOllamaExecutor", () => {
  it("sends /api/chat with settings as model options and reads the recorded answer", async () => {
    const server = await startRecordingServer(200, JSON.parse(fixture("chat.json")));
    const executor = createOllamaExecutor({ provider: "ollama", modelId: "llama3.2", host: server.url, headers: { "x-team": "a" } });
    const result = await executor.generate({
      messages: [
        { role: "developer", content: "be brief" },
        { role: "user", content: "Hi" },
      ],
      settings: { maxOutputTokens: 20, temperature: 0.2 },
      providerOptions: { keep_alive: "5m", options: { num_ctx: 4096 } },
      abortSignal: live(),
    });
    expect(result).toEqual({ text: "Hello there.", finishReason: "stop", usage: usageOf(26, 4) });
    expect(server.requests[0]).toMatchObject({ url: "/api/chat", headers: { "x-team": "a" } });
    expect(server.requests[0]!.body).toEqual({
      model: "llama3.2",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: "Hi" },
      ],
      keep_alive: "5m",
      options: { num_ctx: 4096, num_predict: 20, temperature: 0.2 },
      stream: false,
    });
  });

  it("streams NDJSON lines as deltas and the final line's counts", async () => {
    const server = await startRecordingServer(200, fixture("chat-stream.chunks.txt"), "application/x-ndjson");
    const executor = createOllamaExecutor({ provider: "ollama", modelId: "llama3.2", host: server.url, headers: {} });
    const parts: StreamPart[] = [];
    for await (const part of executor.stream({ messages: [{ role: "user", content: "Hi" }], settings: {}, providerOptions: {}, abortSignal: live() }))
      parts.push(part);
    expect(parts).toEqual([
      { type: "text-delta", text: "Hel" },
      { type: "text-delta", text: "lo." },
      { type: "finish", finishReason: "length", usage: usageOf(8, 2) },
    ]);
  });

  it("keeps Ollama's error text and recognises a context-window refusal", async () => {
    const server = await startRecordingServer(400, { error: "input length exceeds the context length" });
    const executor = createOllamaExecutor({ provider: "ollama", modelId: "llama3.2", host: server.url, headers: {} });
    await expect(
      executor.generate({ messages: [{ role: "user", content: "Hi" }], settings: {}, providerOptions: {}, abortSignal: live() }),
    ).rejects.toMatchObject({
      kind: "context_length",
      status: 400,
      message: "input length exceeds the context length",
    });
  });

  it("refuses unknown provider options before any call", () => {
    const executor = createOllamaExecutor({ provider: "ollama", modelId: "llama3.2", host: "http://127.0.0.1:1", headers: {} });
    expect(() => executor.validateProviderOptions({ temperature: 1 })).toThrow(/providerOptions/);
  });
});
