import { describe, expect, it } from "vitest";
import { ollamaChatLineSchema } from "./ollama-api.js";

describe("ollamaChatLineSchema", () => {
  it("reads intermediate and final lines, counts optional", () => {
    expect(ollamaChatLineSchema.parse({ message: { role: "assistant", content: "a" }, done: false })).toMatchObject({ done: false, message: { content: "a" } });
    expect(ollamaChatLineSchema.parse({ done: true, done_reason: "stop" }).eval_count).toBeUndefined();
    expect(ollamaChatLineSchema.safeParse({ message: { content: "a" } }).success).toBe(false);
  });
});
