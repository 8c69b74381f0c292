import type { FinishPart, ToolSpec } from "@switchyard/provider-spec";
import { describe, expect, it } from "vitest";
import { loadLiveProviderConfig } from "../../test-support/live-provider-config.js";
import { createOpenAiExecutor } from "./openai-executor.js";

/**
 * Real providers behind the OpenAI-compatible adapter, each only when its key is set (see
 * test-support/live-provider-config.ts); without it the test reports itself skipped, naming the
 * variable. They check what recordings cannot: that the provider takes today's request shape.
 */
const config = loadLiveProviderConfig();
const weather: ToolSpec = {
  name: "get_weather",
  description: "Current weather in a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

const endpoints = [
  { provider: "openai", keyName: "OPENAI_API_KEY", key: config.OPENAI_API_KEY, baseUrl: "https://api.openai.com/v1", modelId: "gpt-4o-mini" },
  {
    provider: "openrouter",
    keyName: "OPENROUTER_API_KEY",
    key: config.OPENROUTER_API_KEY,
    baseUrl: "https://openrouter.ai/api/v1",
    modelId: "openai/gpt-4o-mini",
  },
  {
    provider: "anthropic",
    keyName: "ANTHROPIC_API_KEY",
    key: config.ANTHROPIC_API_KEY,
    baseUrl: "https://api.anthropic.com/v1",
    modelId: "claude-3-5-haiku-latest",
  },
  {
    provider: "gemini",
    keyName: "GEMINI_API_KEY",
    key: config.GEMINI_API_KEY,
    baseUrl: "https://generativelanguage.googleapis.com/v1beta/openai",
    modelId: "gemini-2.5-flash",
  },
];

describe.each(endpoints)("live $provider ($modelId)", ({ provider, keyName, key, baseUrl, modelId }) => {
  it("answers text and calls a tool, streamed, with usage", async (context) => {
    if (!key) {
      context.skip(`${keyName} is not set: the live ${provider} test did not run`);
      return;
    }
    const executor = createOpenAiExecutor({ provider, modelId, baseUrl, apiKey: key, headers: {} });
    const text = await executor.generate({
      messages: [{ role: "user", content: "Say hello in one word." }],
      settings: { maxOutputTokens: 20 },
      providerOptions: {},
      abortSignal: AbortSignal.timeout(60_000),
    });
    expect(text.text.length).toBeGreaterThan(0);
    expect(text.usage.inputTokens).toBeGreaterThan(0);
    let finish: FinishPart | undefined;
    for await (const part of executor.stream({
      messages: [{ role: "user", content: "What is the weather in Paris? Use the tool." }],
      settings: { tools: [weather], toolChoice: { mode: "required" } },
      providerOptions: {},
      abortSignal: AbortSignal.timeout(60_000),
    })) {
      if (part.type === "finish") finish = part;
    }
    expect(finish).toMatchObject({ finishReason: "tool-calls", toolCalls: [{ name: "get_weather" }] });
    expect(JSON.parse(finish?.toolCalls?.[0]?.argumentsJson ?? "")).toHaveProperty("city");
  }, 120_000);
});
