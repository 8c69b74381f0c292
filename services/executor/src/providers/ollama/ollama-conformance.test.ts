import type { StreamPart, ToolSpec } from "@switchyard/provider-spec";
import { usageOf } from "@switchyard/provider-spec";
import { describe, expect, it } from "vitest";
import { readRecording, replay } from "../../test-support/recorded-wire.js";
import { useRecordingServers } from "../../test-support/recording-server.js";
import { createOllamaExecutor } from "./ollama-executor.js";

/** The Ollama adapter against the answers of Ollama's API reference (see __fixtures__/README.md). */
const recording = (name: string) => readRecording(import.meta.dirname, name);
const live = () => new AbortController().signal;
const startRecordingServer = useRecordingServers();

async function executorFor(name: string, modelId: string) {
  const server = await replay(startRecordingServer, recording(name));
  return { server, executor: createOllamaExecutor({ provider: "ollama", modelId, host: server.url, headers: {} }) };
}

describe("Ollama adapter on Ollama's reference answers", () => {
  it("sends tools as the reference request does and reads the whole tool call, TOOL_CALLS, with an id of its own", async () => {
    const { server, executor } = await executorFor("ollama-tool-call.json", "llama3.2");
    const recorded = recording("ollama-tool-call.json").request!;
    const tool = (recorded["tools"] as { function: { name: string; description: string; parameters: Record<string, unknown> } }[])[0]!.function;
    const tools: ToolSpec[] = [{ name: tool.name, description: tool.description, parameters: tool.parameters }];
    const result = await executor.generate({
      messages: [{ role: "user", content: "What is the weather today in Paris?" }],
      settings: { tools },
      providerOptions: {},
      abortSignal: live(),
    });
    expect(result).toEqual({
      text: "",
      finishReason: "tool-calls",
      toolCalls: [{ id: "call_0", name: "get_current_weather", argumentsJson: '{"format":"celsius","location":"Paris, FR"}' }],
      usage: usageOf(122, 33),
    });
    expect(server.requests[0]!.body).toMatchObject({ model: recorded["model"], messages: recorded["messages"], tools: recorded["tools"], stream: false });
  });

  it("sends a JSON schema as `format` and reads the JSON answer", async () => {
    const { server, executor } = await executorFor("ollama-structured-output.json", "llama3.1");
    const recorded = recording("ollama-structured-output.json").request!;
    const result = await executor.generate({
      messages: [{ role: "user", content: (recorded["messages"] as { content: string }[])[0]!.content }],
      settings: {
        temperature: 0,
        responseFormat: { type: "json-schema", name: "response", schema: recorded["format"] as Record<string, unknown>, strict: false },
      },
      providerOptions: {},
      abortSignal: live(),
    });
    expect(server.requests[0]!.body).toEqual(recorded);
    expect(JSON.parse(result.text)).toEqual({ age: 22, available: false });
    expect(result.usage).toEqual(usageOf(34, 12));
  });

  it("sends image bytes as base64 in `images` and reads the answer about them", async () => {
    const { server, executor } = await executorFor("ollama-image.json", "llava");
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
    const result = await executor.generate({
      messages: [
        {
          role: "user",
          content: "",
          parts: [
            { type: "text", text: "what is in this image?" },
            { type: "image", data: png, mediaType: "image/png" },
          ],
        },
      ],
      settings: {},
      providerOptions: {},
      abortSignal: live(),
    });
    expect(server.requests[0]!.body["messages"]).toEqual([{ role: "user", content: "what is in this image?", images: ["iVBORw0KGgo="] }]);
    expect(result).toMatchObject({ text: expect.stringContaining("a cute, little pig") as unknown, usage: usageOf(26, 83) });
  });

  it("streams the reference's NDJSON objects: the delta, then the final counts", async () => {
    const { executor } = await executorFor("ollama-chat.stream.json", "llama3.2");
    const parts: StreamPart[] = [];
    for await (const part of executor.stream({
      messages: [{ role: "user", content: "why is the sky blue?" }],
      settings: {},
      providerOptions: {},
      abortSignal: live(),
    }))
      parts.push(part);
    expect(parts).toEqual([
      { type: "text-delta", text: "The" },
      { type: "finish", finishReason: "unknown", usage: usageOf(26, 282) },
    ]);
  });

  it("refuses what Ollama cannot take, naming the field, before any call", () => {
    const executor = createOllamaExecutor({ provider: "ollama", modelId: "llava", host: "http://127.0.0.1:1", headers: {} });
    expect(() => executor.checkCall?.([{ role: "user", content: "", parts: [{ type: "image", url: "https://example.com/a.png" }] }], {})).toThrow(
      /messages\[0\]\.parts\[0\]\.image\.url/,
    );
    expect(() => executor.checkCall?.([{ role: "user", content: "x" }], { toolChoice: { toolName: "f" } })).toThrow(/params\.tool_choice/);
    expect(() =>
      executor.checkCall?.([{ role: "user", content: "x", parts: [{ type: "image", url: "data:image/png;base64,iVBORw0KGgo=" }] }], {
        toolChoice: { mode: "auto" },
      }),
    ).not.toThrow();
  });
});
