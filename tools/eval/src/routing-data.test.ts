import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { promptMessages, readRoutingFile } from "./routing-data.js";

function file(lines: readonly string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "eval-data-")), "data.jsonl");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

describe("readRoutingFile", () => {
  it("sends a conversation prompt as its messages", async () => {
    const prompt = [
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello" },
      { role: "user", content: "2+2?" },
    ];
    const [record] = await readRoutingFile(file([JSON.stringify({ id: "c:1", prompt, outcomes: { m: { quality: 1 } } })]));
    expect(promptMessages(record!)).toEqual(prompt);
  });

  it("names the file, line and field of a bad record", async () => {
    const path = file([
      JSON.stringify({ id: "a", prompt: "p", outcomes: { m: { quality: 1 } } }),
      JSON.stringify({ id: "b", prompt: [{ role: "user" }], outcomes: {} }),
    ]);
    await expect(readRoutingFile(path)).rejects.toThrow(new RegExp(`^${path}:2: prompt`));
  });

  it("names a missing file in one line", async () => {
    await expect(readRoutingFile("/nonexistent/x.jsonl")).rejects.toThrow("/nonexistent/x.jsonl: no such file or directory");
  });
});
