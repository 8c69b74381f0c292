import { describe, expect, it } from "vitest";
import { heuristicEstimator, heuristicTokenCount, imageTokenEstimate, loadTokenEstimator } from "./token-estimator.js";
import { tokenizerForModel } from "./tokenizer-kind.js";

describe("tokenizerForModel", () => {
  it("picks OpenAI's encodings by family and the heuristic for everything else", () => {
    expect(
      ["gpt-4o-mini", "openai/gpt-4.1", "o3-mini", "gpt-5", "gpt-4", "gpt-3.5-turbo", "claude-sonnet-4-5", "llama3.2", "sim-small"].map((id) =>
        tokenizerForModel(id),
      ),
    ).toEqual(["o200k_base", "o200k_base", "o200k_base", "o200k_base", "cl100k_base", "cl100k_base", "heuristic", "heuristic", "heuristic"]);
    expect(tokenizerForModel("llama3.2", "cl100k_base")).toBe("cl100k_base");
  });
});

describe("token estimators", () => {
  it("counts with OpenAI's real o200k tokenizer, chat framing included", async () => {
    const estimator = await loadTokenEstimator("o200k_base");
    expect(estimator.countText("Hello world")).toBe(2);
    // 3 per message + content, 3 to prime the reply (the OpenAI cookbook's rule).
    expect(estimator.countMessages([{ role: "user", content: "Hello world" }])).toBe(3 + 2 + 3);
    expect(estimator.countText("say <|endoftext|> now")).toBeGreaterThan(3);
  });

  it("gives cl100k a different count than o200k where the encodings differ", async () => {
    const text = "Привет, как дела? Это тест токенизатора.";
    const [o200k, cl100k] = await Promise.all([loadTokenEstimator("o200k_base"), loadTokenEstimator("cl100k_base")]);
    expect(o200k.countText(text)).toBeLessThan(cl100k.countText(text));
  });

  it("estimates other models at four characters per token, at least one per word", () => {
    expect(heuristicTokenCount("")).toBe(0);
    expect(heuristicTokenCount("a b c d e")).toBe(5);
    expect(heuristicTokenCount("internationalisation")).toBe(5);
    expect(heuristicEstimator.countMessages([{ content: "internationalisation" }, { role: "assistant", content: "a b", name: "bob" }])).toBe(
      5 + 4 + 2 + 4 + 1 + 1,
    );
  });
});

describe("counting parts and tool calls", () => {
  it("counts text parts instead of content, a fixed figure per image, and tool-call arguments", () => {
    const plain = heuristicEstimator.countMessages([{ content: "abcd efgh" }]);
    const parts = heuristicEstimator.countMessages([
      {
        content: "ignored when parts are set",
        parts: [
          { type: "text", text: "abcd efgh" },
          { type: "image", url: "https://x/a.png" },
        ],
      },
    ]);
    expect(parts).toBe(plain + imageTokenEstimate);
    const contractParts = heuristicEstimator.countMessages([
      { content: "", parts: [{ part: { case: "text", value: "abcd efgh" } }, { part: { case: "image", value: {} } }] },
    ]);
    expect(contractParts).toBe(parts);
    const withCall = heuristicEstimator.countMessages([{ content: "", toolCalls: [{ name: "get", argumentsJson: '{"a":1}' }] }]);
    expect(withCall).toBe(heuristicEstimator.countMessages([{ content: "" }]) + heuristicTokenCount("get") + heuristicTokenCount('{"a":1}'));
  });
});
