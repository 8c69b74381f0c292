import { describe, expect, it } from "vitest";
import { ollamaProviderOptionsSchema } from "./ollama-options.js";

describe("ollamaProviderOptionsSchema", () => {
  it("accepts keep_alive, format, think and model options, and nothing else", () => {
    expect(ollamaProviderOptionsSchema.safeParse({ keep_alive: -1, format: "json", think: "low", options: { num_ctx: 8192, stop: ["x"] } }).success).toBe(true);
    expect(ollamaProviderOptionsSchema.safeParse({ stream: true }).success).toBe(false);
    expect(ollamaProviderOptionsSchema.safeParse({ format: "yaml" }).success).toBe(false);
  });
});
