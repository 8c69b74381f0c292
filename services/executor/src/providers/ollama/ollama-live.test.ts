import { describe, expect, it } from "vitest";
import { loadLiveProviderConfig } from "../../test-support/live-provider-config.js";
import { createOllamaExecutor } from "./ollama-executor.js";

/** A real Ollama server, only when LIVE_OLLAMA_HOST is set; otherwise reported skipped by name. */
const config = loadLiveProviderConfig();

describe("live ollama", () => {
  it("answers text and a JSON-schema request, with counts", async (context) => {
    if (!config.LIVE_OLLAMA_HOST) {
      context.skip("LIVE_OLLAMA_HOST is not set: the live Ollama test did not run");
      return;
    }
    const executor = createOllamaExecutor({ provider: "ollama", modelId: config.LIVE_OLLAMA_MODEL, host: config.LIVE_OLLAMA_HOST, headers: {} });
    const schema = { type: "object", properties: { age: { type: "integer" } }, required: ["age"] };
    const result = await executor.generate({
      messages: [{ role: "user", content: "Ollama is 22 years old. Return a JSON object with the age." }],
      settings: { temperature: 0, responseFormat: { type: "json-schema", name: "response", schema, strict: true } },
      providerOptions: {},
      abortSignal: AbortSignal.timeout(120_000),
    });
    expect(JSON.parse(result.text)).toHaveProperty("age");
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  }, 180_000);
});
