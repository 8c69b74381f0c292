import { describe, expect, it } from "vitest";
import { convertToOpenAiMessages, convertToOpenAiSettings } from "./convert-to-openai-prompt.js";

describe("convert-to-openai-prompt", () => {
  it("keeps roles, contents and names", () => {
    expect(convertToOpenAiMessages([{ role: "system", content: "be brief" }, { role: "user", content: "hi", name: "ann" }])).toEqual([
      { role: "system", content: "be brief" },
      { role: "user", content: "hi", name: "ann" },
    ]);
  });

  it("names settings as OpenAI does and leaves unset ones to the provider", () => {
    expect(convertToOpenAiSettings({ maxOutputTokens: 5, temperature: 0, topP: 0.9, stop: ["\n"], seed: 7, logprobs: true })).toEqual({
      max_tokens: 5, temperature: 0, top_p: 0.9, stop: ["\n"], seed: 7, logprobs: true,
    });
    expect(convertToOpenAiSettings({ logprobs: false, stop: [] })).toEqual({});
  });
});
