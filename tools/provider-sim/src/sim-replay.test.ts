import { Ollama } from "ollama";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadReplay } from "./replay-data.js";
import { defaultSimModels, scaleLatency } from "./sim-models.js";
import { startSimServer } from "./sim-server.js";
import type { RunningSim } from "./sim-server.js";
import { defaultAnswer, promptTokens, splitTokens } from "./sim-text.js";
import { critiqueTag } from "./structured-answers.js";
import { replayFixture } from "./test-support/replay-fixture.js";

let sim: RunningSim;
let openai: OpenAI;

beforeAll(async () => {
  const replay = { index: loadReplay([replayFixture]), profile: { timeToFirstTokenMs: 0, tokensPerSecond: 0 } };
  sim = await startSimServer({ models: scaleLatency(defaultSimModels, 0.05), replay }, "127.0.0.1", 0);
  openai = new OpenAI({ baseURL: `${sim.url}/v1`, apiKey: "sim", maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.faults.reset();
  sim.stats.reset();
});

const ask = (model: string, content: string) => openai.chat.completions.create({ model, messages: [{ role: "user", content }] });

/** The OpenRouter-style `usage.cost` the simulator adds for recorded costs. */
const reportedCost = (usage: OpenAI.CompletionUsage | undefined): unknown =>
  usage === undefined ? undefined : Object.entries(usage).find(([key]) => key === "cost")?.[1];

describe("replay mode", () => {
  it("serves every model of the files next to the default simulated models", async () => {
    const ids = (await openai.models.list()).data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(["acme/tiny-7b", "big-model-v2", "quiet-model", "sim-small"]));
  });

  it("answers a recorded prompt with the recorded response and the recorded token counts", async () => {
    const completion = await ask("acme/tiny-7b", "What is the capital of France?\nAnswer:");
    expect(completion.choices[0]?.message.content).toBe("Paris, of course.");
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 });
    expect(reportedCost(completion.usage)).toBeUndefined();
  });

  it("matches the last user message with whitespace normalised, after a system message", async () => {
    const messages = [
      { role: "system" as const, content: "Be brief." },
      { role: "user" as const, content: "What  is 2 +\n2?" },
    ];
    const completion = await openai.chat.completions.create({ model: "big-model-v2", messages });
    expect(completion.choices[0]?.message.content).toBe("4");
    expect(completion.usage).toMatchObject({ prompt_tokens: promptTokens(messages), completion_tokens: 1 });
  });

  it("estimates usage when the file has no token counts, and reports a recorded cost as usage.cost", async () => {
    const completion = await ask("big-model-v2", "What is the capital of France?\nAnswer:");
    const text = "The capital of France is Paris.";
    expect(completion.choices[0]?.message.content).toBe(text);
    expect(completion.usage).toMatchObject({
      prompt_tokens: promptTokens([{ role: "user", content: "What is the capital of France?\nAnswer:" }]),
      completion_tokens: splitTokens(text).length,
    });
    expect(reportedCost(completion.usage)).toBe(0.000123);
  });

  it("gives a recorded outcome without a response the default answer, sized from the recorded length", async () => {
    const completion = await ask("quiet-model", "What is the capital of France?\nAnswer:");
    expect(completion.choices[0]?.message.content).toMatch(/^\[simulated quiet-model\]/);
    expect(completion.usage?.completion_tokens).toBe(100);
  });

  it("answers an unknown prompt, or a model without an outcome, deterministically with the default answer", async () => {
    const first = await ask("acme/tiny-7b", "Something never recorded");
    const second = await ask("acme/tiny-7b", "Something never recorded");
    const content = first.choices[0]?.message.content ?? "";
    expect(content).toBe(defaultAnswer("acme/tiny-7b", [{ role: "user", content: "Something never recorded" }], 32));
    expect(second.choices[0]?.message.content).toBe(content);
    expect((await ask("sim-small", "What is 2 + 2?")).choices[0]?.message.content).toMatch(/^\[simulated sim-small\]/);
  });

  it("keeps faults working on replayed prompts (directives are not part of the match)", async () => {
    await expect(ask("acme/tiny-7b", "What is 2 + 2? [[sim:server_error times=1]]")).rejects.toMatchObject({ status: 500 });
    expect((await ask("acme/tiny-7b", "What is 2 + 2? [[sim:server_error times=1]]")).choices[0]?.message.content).toBe("5");
  });

  it("replays through the Ollama protocol too", async () => {
    const ollama = new Ollama({ host: sim.url });
    const response = await ollama.chat({
      model: "acme/tiny-7b",
      messages: [{ role: "user", content: "What is the capital of France?\nAnswer:" }],
      stream: false,
    });
    expect(response.message.content).toBe("Paris, of course.");
    expect([response.prompt_eval_count, response.eval_count]).toEqual([11, 3]);
  });

  it("answers critique prompts with structured JSON even on a replayed model", async () => {
    const completion = await ask("big-model-v2", `${critiqueTag}\n<answer>\n4\n</answer>`);
    const critique = JSON.parse(completion.choices[0]?.message.content ?? "") as Record<string, unknown>;
    expect(critique).toMatchObject({ simulated: true, verdict: expect.stringMatching(/^(accept|revise|reject)$/) as unknown });
  });
});

describe("replay lookup endpoints", () => {
  it("summarises the loaded files", async () => {
    const summary = (await (await fetch(`${sim.url}/_sim/replay`)).json()) as Record<string, unknown>;
    expect(summary).toMatchObject({ enabled: true, files: [replayFixture], records: 3, prompts: 2, duplicate_outcomes: 1 });
    expect(summary["models"]).toMatchObject({ "acme/tiny-7b": { prompts: 2, responses: 2, token_counts: 1 } });
  });

  it("looks a prompt up, for one model or all", async () => {
    const lookup = async (body: unknown) =>
      (await fetch(`${sim.url}/_sim/replay/lookup`, { method: "POST", body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
    const all = await lookup({ prompt: "What is 2 + 2?" });
    expect(all).toMatchObject({ found: true, id: "fixture:2", normalised_prompt: "What is 2 + 2?" });
    expect(Object.keys(all["outcomes"] as object)).toEqual(["acme/tiny-7b", "big-model-v2", "quiet-model"]);
    const one = await lookup({ prompt: "What is the capital of France?\nAnswer:", model: "big-model-v2" });
    expect(one["outcomes"]).toEqual({ "big-model-v2": { has_response: true, response: "The capital of France is Paris.", cost_usd: 0.000123, quality: 1 } });
    expect(await lookup({ prompt: "never seen" })).toEqual({ found: false, normalised_prompt: "never seen", outcomes: {} });
    const bad = await fetch(`${sim.url}/_sim/replay/lookup`, { method: "POST", body: JSON.stringify({ prompt: 3 }) });
    expect(bad.status).toBe(400);
  });

  it("says when replay mode is off", async () => {
    const plain = await startSimServer({ models: defaultSimModels }, "127.0.0.1", 0);
    try {
      expect(await (await fetch(`${plain.url}/_sim/replay`)).json()).toEqual({ enabled: false });
      const lookup = await fetch(`${plain.url}/_sim/replay/lookup`, { method: "POST", body: JSON.stringify({ prompt: "x" }) });
      expect(lookup.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe("the bad_output fault", () => {
  it("answers with prose instead of the requested JSON, and counts times across an appended retry turn", async () => {
    const prompt = `${critiqueTag}\n<answer>\nParis [[sim:bad_output times=1 model=sim-small]]\n</answer>`;
    const first = await openai.chat.completions.create({ model: "sim-small", messages: [{ role: "user", content: prompt }] });
    const text = first.choices[0]?.message.content ?? "";
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(text).toMatch(/^\[simulated sim-small\]/);
    const retry = await openai.chat.completions.create({
      model: "sim-small",
      messages: [
        { role: "user", content: prompt },
        { role: "assistant", content: text },
        { role: "user", content: "Reply with the JSON object only." },
      ],
    });
    expect(JSON.parse(retry.choices[0]?.message.content ?? "")).toMatchObject({ simulated: true });
    const other = await openai.chat.completions.create({ model: "sim-medium", messages: [{ role: "user", content: prompt }] });
    expect(JSON.parse(other.choices[0]?.message.content ?? "")).toMatchObject({ simulated: true });
  });
});
