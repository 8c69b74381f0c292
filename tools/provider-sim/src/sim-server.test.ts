import { Ollama } from "ollama";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultSimModels, scaleLatency } from "./sim-models.js";
import { startSimServer } from "./sim-server.js";
import type { RunningSim } from "./sim-server.js";
import { promptTokens, splitTokens } from "./sim-text.js";

let sim: RunningSim;
let openai: OpenAI;
let ollama: Ollama;

beforeAll(async () => {
  sim = await startSimServer({ models: scaleLatency(defaultSimModels, 0.05) }, "127.0.0.1", 0);
  openai = new OpenAI({ baseURL: `${sim.url}/v1`, apiKey: "sim", maxRetries: 0 });
  ollama = new Ollama({ host: sim.url });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.faults.reset();
  sim.stats.reset();
});

const hello = [{ role: "user" as const, content: "Say hi" }];

describe("OpenAI protocol through the official openai SDK", () => {
  it("answers deterministically with usage that matches the text", async () => {
    const first = await openai.chat.completions.create({ model: "sim-small", messages: hello });
    const second = await openai.chat.completions.create({ model: "sim-small", messages: hello });
    const text = first.choices[0]?.message.content ?? "";
    expect(text).toMatch(/^\[simulated sim-small\]/);
    expect(second.choices[0]?.message.content).toBe(text);
    expect(first.usage).toMatchObject({
      prompt_tokens: promptTokens(hello),
      completion_tokens: splitTokens(text).length,
      total_tokens: promptTokens(hello) + splitTokens(text).length,
    });
    expect(first.choices[0]?.finish_reason).toBe("stop");
  });

  it("gives different models different answers", async () => {
    const small = await openai.chat.completions.create({ model: "sim-small", messages: hello });
    const large = await openai.chat.completions.create({ model: "sim-large", messages: hello });
    expect(small.choices[0]?.message.content).not.toBe(large.choices[0]?.message.content);
  });

  it("streams deltas and a final usage chunk when include_usage is set", async () => {
    const stream = await openai.chat.completions.create({ model: "sim-medium", messages: hello, stream: true, stream_options: { include_usage: true } });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    let deltas = 0;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content;
      if (delta) {
        text += delta;
        deltas += 1;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas).toBeGreaterThan(1);
    expect(usage?.completion_tokens).toBe(splitTokens(text).length);
    expect(usage?.prompt_tokens).toBe(promptTokens(hello));
  });

  it("honours max_tokens with finish_reason length", async () => {
    const completion = await openai.chat.completions.create({ model: "sim-large", messages: hello, max_tokens: 5 });
    expect(completion.usage?.completion_tokens).toBe(5);
    expect(completion.choices[0]?.finish_reason).toBe("length");
  });

  it("returns log-probabilities when asked", async () => {
    const completion = await openai.chat.completions.create({ model: "sim-small", messages: hello, logprobs: true });
    const entries = completion.choices[0]?.logprobs?.content ?? [];
    expect(entries.length).toBe(completion.usage?.completion_tokens);
    expect(entries.every((entry) => entry.logprob < 0)).toBe(true);
  });

  it("lists its models", async () => {
    const page = await openai.models.list();
    expect(page.data.map((model) => model.id)).toEqual(expect.arrayContaining(["sim-small", "sim-medium", "sim-large", "sim-ollama"]));
  });

  it("refuses an unknown model with 404", async () => {
    await expect(openai.chat.completions.create({ model: "nope", messages: hello })).rejects.toMatchObject({ status: 404 });
  });
});

describe("OpenAI protocol faults", () => {
  it("answers 429 with Retry-After from a header fault", async () => {
    const error = await openai.chat.completions
      .create({ model: "sim-small", messages: hello }, { headers: { "x-sim-fault": "rate_limit retry_after_ms=2500" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const headers = (error as InstanceType<typeof OpenAI.RateLimitError>).headers;
    expect(headers.get("retry-after")).toBe("3");
    expect(headers.get("retry-after-ms")).toBe("2500");
  });

  it("fails queued times, then succeeds", async () => {
    sim.faults.enqueue("sim-small", { kind: "server_error", times: 2 });
    await expect(openai.chat.completions.create({ model: "sim-small", messages: hello })).rejects.toMatchObject({ status: 500 });
    await expect(openai.chat.completions.create({ model: "sim-small", messages: hello })).rejects.toMatchObject({ status: 500 });
    await expect(openai.chat.completions.create({ model: "sim-small", messages: hello })).resolves.toBeDefined();
  });

  it("applies prompt directives per model and counts their times", async () => {
    const messages = [{ role: "user" as const, content: "Unique prompt 41 [[sim:unavailable model=sim-small times=1]]" }];
    await expect(openai.chat.completions.create({ model: "sim-small", messages })).rejects.toMatchObject({ status: 503 });
    await expect(openai.chat.completions.create({ model: "sim-small", messages })).resolves.toBeDefined();
    await expect(openai.chat.completions.create({ model: "sim-medium", messages })).resolves.toBeDefined();
  });

  it("answers context_length_exceeded for prompts over the window", async () => {
    const messages = [{ role: "user" as const, content: "word ".repeat(9_000) }];
    const error = await openai.chat.completions.create({ model: "sim-small", messages }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, code: "context_length_exceeded" });
  });

  it("answers 401 for a bad key", async () => {
    await expect(openai.chat.completions.create({ model: "sim-small", messages: hello }, { headers: { "x-sim-fault": "bad_key" } })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
  });

  it("cuts a stream after the given number of tokens", async () => {
    const stream = await openai.chat.completions.create(
      { model: "sim-small", messages: hello, stream: true, stream_options: { include_usage: true } },
      { headers: { "x-sim-fault": "cut after_tokens=3" } },
    );
    const received: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? "");
      })(),
    ).rejects.toThrow();
    expect(received.filter(Boolean)).toHaveLength(3);
  });

  it("sends a malformed chunk that the SDK cannot parse", async () => {
    const stream = await openai.chat.completions.create(
      { model: "sim-small", messages: hello, stream: true },
      { headers: { "x-sim-fault": "malformed after_tokens=2" } },
    );
    await expect(
      (async () => {
        for await (const _chunk of stream) {
          // drain
        }
      })(),
    ).rejects.toThrow();
  });

  it("omits the usage chunk under no_usage", async () => {
    const stream = await openai.chat.completions.create(
      { model: "sim-small", messages: hello, stream: true, stream_options: { include_usage: true } },
      { headers: { "x-sim-fault": "no_usage" } },
    );
    const usages = [];
    for await (const chunk of stream) if (chunk.usage) usages.push(chunk.usage);
    expect(usages).toEqual([]);
  });

  it("stalls until the client gives up, and counts the abort", async () => {
    const controller = new AbortController();
    const call = openai.chat.completions.create({ model: "sim-small", messages: hello }, { headers: { "x-sim-fault": "stall" }, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(call).rejects.toThrow();
    await expect.poll(() => sim.stats.for("sim-small").aborted).toBe(1);
  });

  it("delays the first token under slow_first_token", async () => {
    const started = performance.now();
    await openai.chat.completions.create({ model: "sim-instant", messages: hello }, { headers: { "x-sim-fault": "slow_first_token delay_ms=150" } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("Ollama protocol through the official ollama SDK", () => {
  it("answers without streaming, with token counts", async () => {
    const response = await ollama.chat({ model: "sim-ollama", messages: hello, stream: false });
    expect(response.message.content).toMatch(/^\[simulated sim-ollama\]/);
    expect(response.prompt_eval_count).toBe(promptTokens(hello));
    expect(response.eval_count).toBe(splitTokens(response.message.content).length);
    expect(response.done).toBe(true);
  });

  it("streams NDJSON with counts on the last line", async () => {
    const stream = await ollama.chat({ model: "sim-ollama", messages: hello, stream: true });
    let text = "";
    let evalCount = 0;
    for await (const part of stream) {
      text += part.message.content;
      if (part.done) evalCount = part.eval_count;
    }
    expect(evalCount).toBe(splitTokens(text).length);
  });

  it("lists models as tags", async () => {
    const tags = await ollama.list();
    expect(tags.models.map((model) => model.name)).toContain("sim-ollama:latest");
  });

  it("reports errors in Ollama's shape", async () => {
    await expect(ollama.chat({ model: "missing", messages: hello })).rejects.toThrow(/not found/);
  });
});
