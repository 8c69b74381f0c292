import { randomUUID } from "node:crypto";
import { HumanMessage, ToolMessage } from "@langchain/core/messages";
import type { AIMessage, AIMessageChunk } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { ChatOpenAI } from "@langchain/openai";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startTestStack } from "./support/stack-fixture.js";

// LangChain's OpenAI chat model, a third real client of the HTTP door, on real processes.
let stack: RunningStack;

beforeAll(async () => {
  stack = await startTestStack({ simLatencyScale: 0 });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

function chatModel(model: string, apiKey = "sk-switchyard-local"): ChatOpenAI {
  return new ChatOpenAI({ model, apiKey, maxRetries: 0, configuration: { baseURL: `${stack.urls.http}/v1` } });
}

const ask = (text: string) => [new HumanMessage(`${text} ${randomUUID()}`)];

const getWeather = tool(async ({ city }: { city: string }) => `sunny in ${city}`, {
  name: "get_weather",
  description: "Weather in a city",
  schema: z.object({ city: z.string() }),
});

describe("LangChain ChatOpenAI against the door", () => {
  it("invokes model auto and reads the answer, the chosen model and the usage", async () => {
    const answer = await chatModel("auto").invoke(ask("Say hi"));
    expect(answer.text).toMatch(/^\[simulated sim-/);
    expect(answer.response_metadata.model_name).toMatch(/^sim-/);
    expect(answer.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(answer.usage_metadata?.output_tokens).toBeGreaterThan(0);
  });

  it("streams chunks that add up to the simulated answer, with usage at the end", async () => {
    let text = "";
    let last: AIMessageChunk | undefined;
    for await (const chunk of await chatModel("sim-small").stream(ask("Tell a story"))) {
      text += chunk.text;
      last = chunk.usage_metadata ? chunk : last;
    }
    expect(text).toMatch(/^\[simulated sim-small\]/);
    expect(last?.usage_metadata?.output_tokens).toBeGreaterThan(0);
  });

  it("runs a tool round trip: the model calls the tool, then answers from its result", async () => {
    const withTools = chatModel("sim-small").bindTools([getWeather]);
    const messages = ask("What is the weather in Paris?");
    const call: AIMessage = await withTools.invoke(messages);
    const [toolCall] = call.tool_calls ?? [];
    expect(toolCall?.name).toBe("get_weather");
    expect(typeof toolCall?.args.city).toBe("string");
    const result = await getWeather.invoke(toolCall!);
    expect(result).toBeInstanceOf(ToolMessage);
    const final = await withTools.invoke([...messages, call, result]);
    expect(final.text).toContain("get_weather returned sunny in");
  });

  it("gets structured output that parses against a zod schema", async () => {
    const city = z.object({ name: z.string(), population: z.number().int() });
    const structured = await chatModel("sim-small").withStructuredOutput(city, { name: "city" }).invoke(ask("Give a city"));
    expect(city.parse(structured)).toEqual(structured);
  });

  it("surfaces 401 and 404 as LangChain errors with the door's status", async () => {
    await expect(chatModel("auto", "sk-not-a-key").invoke(ask("hi"))).rejects.toMatchObject({ status: 401 });
    await expect(chatModel("gpt-nonexistent").invoke(ask("hi"))).rejects.toMatchObject({ status: 404 });
  });
});
