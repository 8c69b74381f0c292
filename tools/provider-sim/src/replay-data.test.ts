import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadReplay, normalisePrompt } from "./replay-data.js";
import { replayFixture } from "./test-support/replay-fixture.js";

function scratchFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "sim-replay-")), "data.jsonl");
  writeFileSync(file, text);
  return file;
}

describe("loading replay files", () => {
  it("indexes prompts by their whitespace-normalised text and lists every model", () => {
    const index = loadReplay([replayFixture]);
    expect(index.records).toBe(3);
    expect(index.prompts.size).toBe(2);
    expect([...index.models.keys()]).toEqual(["acme/tiny-7b", "big-model-v2", "quiet-model"]);
    expect(index.models.get("acme/tiny-7b")).toEqual({ prompts: 2, responses: 2, tokenCounts: 1 });
    const math = index.prompts.get("What is 2 + 2?");
    expect(math?.id).toBe("fixture:2");
    expect(index.prompts.get("What is the capital of France? Answer:")?.outcomes.get("big-model-v2")).toEqual({
      quality: 1,
      cost_usd: 0.000123,
      response: "The capital of France is Paris.",
    });
  });

  it("keeps the first outcome of a model on a prompt and counts later duplicates", () => {
    const index = loadReplay([replayFixture]);
    const math = index.prompts.get("What is 2 + 2?");
    expect(math?.outcomes.get("big-model-v2")?.response).toBe("4");
    expect(math?.outcomes.get("quiet-model")).toMatchObject({ response: "4", input_tokens: 9, output_tokens: 1 });
    expect(index.duplicateOutcomes).toBe(1);
  });

  it("merges several files in order", () => {
    const extra = scratchFile(`${JSON.stringify({ id: "x:1", prompt: "What is 2 + 2?", outcomes: { "new-model": { quality: 1, response: "4!" } } })}\n`);
    const index = loadReplay([replayFixture, extra]);
    expect(index.files).toEqual([replayFixture, extra]);
    expect(index.prompts.get("What is 2 + 2?")?.outcomes.get("new-model")?.response).toBe("4!");
    expect(index.models.has("new-model")).toBe(true);
  });

  it("fails with the file and line of a record that does not fit the schema", () => {
    const good = JSON.stringify({ id: "a", prompt: "p", outcomes: {} });
    const bad = scratchFile(`${good}\n${JSON.stringify({ id: "b", prompt: "q", outcomes: { m: { output_tokens: -1 } } })}\n`);
    expect(() => loadReplay([bad])).toThrow(new RegExp(`${bad}:2: outcomes\\.m\\.output_tokens`));
    const notJson = scratchFile(`${good}\n{oops\n`);
    expect(() => loadReplay([notJson])).toThrow(new RegExp(`${notJson}:2: not JSON`));
    expect(() => loadReplay(["/nonexistent/replay.jsonl"])).toThrow(/cannot read \/nonexistent\/replay\.jsonl/);
  });

  it("normalises whitespace only", () => {
    expect(normalisePrompt("  A\n\tb   C \n")).toBe("A b C");
    expect(normalisePrompt("Answer:")).not.toBe(normalisePrompt("answer:"));
  });
});
