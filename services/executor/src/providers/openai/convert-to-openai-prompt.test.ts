import { describe, expect, it } from "vitest";
import { convertToOpenAiMessages, convertToOpenAiSettings } from "./convert-to-openai-prompt.js";

describe("convert-to-openai-prompt", () => {
  it("keeps roles, contents and names", () => {
    expect(
      convertToOpenAiMessages([
        { role: "system", content: "be brief" },
        { role: "user", content: "hi", name: "ann" },
      ]),
    ).toEqual([
      { role: "system", content: "be brief" },
      { role: "user", content: "hi", name: "ann" },
    ]);
  });

  it("names settings as OpenAI does and leaves unset ones to the provider", () => {
    expect(convertToOpenAiSettings({ maxOutputTokens: 5, temperature: 0, topP: 0.9, stop: ["\n"], seed: 7, logprobs: true })).toEqual({
      max_tokens: 5,
      temperature: 0,
      top_p: 0.9,
      stop: ["\n"],
      seed: 7,
      logprobs: true,
    });
    expect(convertToOpenAiSettings({ logprobs: false, stop: [] })).toEqual({});
  });
});

describe("convert-to-openai-prompt: tools, parts and reasoning models", () => {
  it("sends parts as content parts (bytes as a data URL), assistant tool calls and tool results", () => {
    const png = new Uint8Array([137, 80, 78, 71]);
    expect(
      convertToOpenAiMessages([
        {
          role: "user",
          content: "",
          parts: [
            { type: "text", text: "what is it?" },
            { type: "image", url: "https://example.com/a.png", detail: "low" },
            { type: "image", data: png, mediaType: "image/png" },
          ],
        },
        { role: "assistant", content: "", toolCalls: [{ id: "call_1", name: "get_weather", argumentsJson: '{"city":"Paris"}' }] },
        { role: "tool", content: '{"celsius":21}', toolCallId: "call_1" },
      ]),
    ).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "what is it?" },
          { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "low" } },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw==" } },
        ],
      },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: '{"celsius":21}' },
    ]);
  });

  it("maps tools, tool choice, parallel calls and both JSON response formats", () => {
    const parameters = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
    expect(
      convertToOpenAiSettings({
        tools: [{ name: "get_weather", description: "weather now", parameters, strict: true }],
        toolChoice: { toolName: "get_weather" },
        parallelToolCalls: false,
        responseFormat: { type: "json-schema", name: "weather", schema: parameters, strict: true },
      }),
    ).toEqual({
      tools: [{ type: "function", function: { name: "get_weather", description: "weather now", parameters, strict: true } }],
      tool_choice: { type: "function", function: { name: "get_weather" } },
      parallel_tool_calls: false,
      response_format: { type: "json_schema", json_schema: { name: "weather", schema: parameters, strict: true } },
    });
    expect(convertToOpenAiSettings({ toolChoice: { mode: "required" }, responseFormat: { type: "json-object" } })).toEqual({
      tool_choice: "required",
      response_format: { type: "json_object" },
    });
  });

  it("gives reasoning models max_completion_tokens and reasoning_effort, and none of the sampling fields they refuse", () => {
    expect(convertToOpenAiSettings({ maxOutputTokens: 100, temperature: 0.2, topP: 0.5, logprobs: true, reasoningEffort: "low" }, { reasoning: true })).toEqual(
      {
        max_completion_tokens: 100,
        reasoning_effort: "low",
      },
    );
    expect(convertToOpenAiSettings({ maxOutputTokens: 100, reasoningEffort: "low" }, { reasoning: false })).toEqual({ max_tokens: 100 });
  });
});
