import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

function capture(): { lines: () => Record<string, unknown>[]; destination: Writable } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    destination,
    lines: () =>
      chunks
        .join("")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe("createLogger", () => {
  it("never writes prompts, messages or keys", () => {
    const { destination, lines } = capture();
    const logger = createLogger({ service: "test", level: "info", destination });
    logger.info(
      { prompt: "my secret prompt", request: { messages: [{ content: "private" }], apiKey: "sk-live" }, headers: { authorization: "Bearer sk" } },
      "call",
    );
    const text = JSON.stringify(lines());
    expect(text).not.toMatch(/secret prompt|private|sk-live|Bearer sk/);
    expect(lines()[0]).toMatchObject({ service: "test", severity: "INFO", prompt: "[redacted]" });
  });
});
