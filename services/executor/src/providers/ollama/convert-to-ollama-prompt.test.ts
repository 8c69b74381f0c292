import { describe, expect, it } from "vitest";
import { convertToOllamaMessages, convertToOllamaOptions } from "./convert-to-ollama-prompt.js";

describe("convert-to-ollama-prompt", () => {
  it("sends developer turns as system turns and drops names (Ollama has none)", () => {
    expect(
      convertToOllamaMessages([
        { role: "developer", content: "d" },
        { role: "user", content: "u", name: "ann" },
      ]),
    ).toEqual([
      { role: "system", content: "d" },
      { role: "user", content: "u" },
    ]);
  });

  it("puts settings in model options over the caller's extra options", () => {
    expect(convertToOllamaOptions({ maxOutputTokens: 9, topP: 0.5, stop: ["x"], seed: 1 }, { num_ctx: 2048, num_predict: 1 })).toEqual({
      num_ctx: 2048,
      num_predict: 9,
      top_p: 0.5,
      stop: ["x"],
      seed: 1,
    });
  });
});
