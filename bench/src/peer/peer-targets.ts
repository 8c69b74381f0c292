import { Agent, request } from "node:http";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { Sample } from "../executor/closed-loop.js";

/** One way of asking for an answer, timed. */
export type PeerTarget = () => Promise<Sample>;

/** Unary and streaming calls of one gateway (or of the upstream itself). */
export interface PeerTargets {
  readonly unary: PeerTarget;
  readonly stream: PeerTarget;
}

const messages = [{ role: "user", content: "Say hi" }];

/** OpenAI-style chat completions over keep-alive HTTP/1.1: the upstream directly, or Portkey in front of it. */
export function openAiTargets(baseUrl: string, model: string, headers: Readonly<Record<string, string>>): PeerTargets {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const send = (stream: boolean): Promise<Sample> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const body = JSON.stringify({ model, messages, stream, ...(stream ? { stream_options: { include_usage: true } } : {}) });
      const call = request(
        `${baseUrl}/v1/chat/completions`,
        { method: "POST", agent, headers: { "content-type": "application/json", authorization: "Bearer sk-bench", ...headers } },
        (response) => {
          let ttftMs = 0;
          response.on("data", (part: Buffer) => {
            if (ttftMs === 0 && (!stream || part.includes('"content"'))) ttftMs = performance.now() - started;
          });
          response.on("end", () => {
            const latencyMs = performance.now() - started;
            if (response.statusCode === 200) resolve({ latencyMs, ttftMs: stream ? ttftMs : latencyMs });
            else reject(new Error(`status ${response.statusCode}`));
          });
          response.on("error", reject);
        },
      );
      call.on("error", reject);
      call.end(body);
    });
  return { unary: () => send(false), stream: () => send(true) };
}

/** Portkey's gateway routing to the upstream as an OpenAI-compatible custom host. */
export function portkeyTargets(portkeyUrl: string, upstreamUrl: string, model: string): PeerTargets {
  return openAiTargets(portkeyUrl, model, { "x-portkey-provider": "openai", "x-portkey-custom-host": `${upstreamUrl}/v1` });
}

/** Switchyard's router as a backend calls it: gRPC, a pinned strategy. */
export function switchyardTargets(routerUrl: string, model: string): PeerTargets {
  const router = createClient(RouterService, createGrpcTransport({ baseUrl: routerUrl }));
  const strategy = { kind: { case: "pinned" as const, value: { model } } };
  return {
    async unary() {
      const started = performance.now();
      await router.complete({ messages, strategy });
      const latencyMs = performance.now() - started;
      return { latencyMs, ttftMs: latencyMs };
    },
    async stream() {
      const started = performance.now();
      let ttftMs = 0;
      for await (const event of router.streamComplete({ messages, strategy })) {
        if (ttftMs === 0 && event.event.case === "delta") ttftMs = performance.now() - started;
      }
      return { latencyMs: performance.now() - started, ttftMs };
    },
  };
}
