import { createClient } from "@connectrpc/connect";
import { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { createPeerTransport } from "@switchyard/runtime";
import OpenAI from "openai";
import type { Sample } from "./closed-loop.js";

/** One way of asking for an answer, timed. */
export type CallTarget = () => Promise<Sample>;

const messages = [{ role: "user" as const, content: "Say hi" }];

/** The baseline: the official openai SDK straight to the simulator, as the executor itself calls it. */
export function directTargets(simUrl: string): { unary: CallTarget; stream: CallTarget } {
  const client = new OpenAI({ baseURL: `${simUrl}/v1`, apiKey: "bench", maxRetries: 0 });
  return {
    async unary() {
      const started = performance.now();
      await client.chat.completions.create({ model: "sim-instant", messages });
      const latencyMs = performance.now() - started;
      return { latencyMs, ttftMs: latencyMs };
    },
    async stream() {
      const started = performance.now();
      let ttftMs = 0;
      const chunks = await client.chat.completions.create({ model: "sim-instant", messages, stream: true, stream_options: { include_usage: true } });
      for await (const chunk of chunks) if (ttftMs === 0 && chunk.choices[0]?.delta.content) ttftMs = performance.now() - started;
      return { latencyMs: performance.now() - started, ttftMs };
    },
  };
}

/** Through the executor with the transport a router uses (Connect, binary, one HTTP/2 connection). */
export function executorTargets(executorUrl: string, model: string): { unary: CallTarget; stream: CallTarget } {
  const client = createClient(ExecutorService, createPeerTransport(executorUrl));
  return {
    async unary() {
      const started = performance.now();
      await client.generate({ model, messages });
      const latencyMs = performance.now() - started;
      return { latencyMs, ttftMs: latencyMs };
    },
    async stream() {
      const started = performance.now();
      let ttftMs = 0;
      for await (const message of client.streamGenerate({ model, messages }))
        if (ttftMs === 0 && message.event.case === "delta") ttftMs = performance.now() - started;
      return { latencyMs: performance.now() - started, ttftMs };
    },
  };
}
