import { join } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import type { RunningStack } from "@switchyard/stack";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack } from "./support/stack-fixture.js";

// 403 through the HTTP door: tenant acme of fixtures/account.yaml may use sim-small and
// sim-medium only, and this configuration has no dev tenant.
let stack: RunningStack;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  stack = await startTestStack({ simLatencyScale: 0, configPath: join(import.meta.dirname, "../fixtures/account.yaml") });
  openai = new OpenAI({ baseURL: `${stack.urls.http}/v1`, apiKey: "sk-acme-account", maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: stack.urls.http, apiKey: "sk-acme-account", maxRetries: 0 });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const hi = [{ role: "user" as const, content: "hi" }];

describe("a model the tenant may not use", () => {
  it("is 403 in OpenAI's error shape, and an allowed model still answers", async () => {
    await expect(openai.chat.completions.create({ model: "sim-large", messages: hi })).rejects.toMatchObject({ status: 403, type: "permission_error" });
    const allowed = await openai.chat.completions.create({ model: "sim-small", messages: hi });
    expect(allowed.choices[0]?.message.content).toMatch(/^\[simulated sim-small\]/);
  });

  it("is 403 permission_error in Anthropic's error shape", async () => {
    await expect(anthropic.messages.create({ model: "sim-large", max_tokens: 50, messages: hi })).rejects.toMatchObject({
      status: 403,
      error: { type: "error", error: { type: "permission_error" } },
    });
  });

  it("is left out of the tenant's model list", async () => {
    const ids = [];
    for await (const model of openai.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(["sim-small", "sim-medium"]));
    expect(ids).not.toContain("sim-large");
  });
});
