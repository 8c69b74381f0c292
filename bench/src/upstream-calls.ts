import { request } from "node:http";
import { Agent } from "node:http";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { percentile } from "./latency-stats.js";

const agent = new Agent({ keepAlive: true, maxSockets: 128 });
const body = (model: string, stream: boolean): string =>
  JSON.stringify({ model, messages: [{ role: "user", content: "Say hi" }], stream, ...(stream ? { stream_options: { include_usage: true } } : {}) });

/** One chat completion straight to the simulator, over keep-alive HTTP/1.1 (the baseline). */
export function directChat(simUrl: string, model: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const call = request(
      `${simUrl}/v1/chat/completions`,
      { method: "POST", agent, headers: { "content-type": "application/json", authorization: "Bearer sim" } },
      (response) => {
        response.resume();
        response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`status ${response.statusCode}`))));
      },
    );
    call.on("error", reject);
    call.end(body(model, false));
  });
}

/** p50 time to the first SSE data frame, straight from the simulator. */
export async function directTimeToFirstToken(simUrl: string, model: string, samples: number): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    times.push(
      await new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const call = request(`${simUrl}/v1/chat/completions`, { method: "POST", agent, headers: { "content-type": "application/json" } }, (response) => {
          let first = 0;
          response.on("data", () => (first ||= performance.now() - started));
          response.on("end", () => resolve(first));
        });
        call.on("error", reject);
        call.end(body(model, true));
      }),
    );
  }
  return percentile(times, 50);
}

/** p50 time to the first delta of StreamComplete through the router. */
export async function routerTimeToFirstToken(routerUrl: string, model: string, samples: number): Promise<number> {
  const router = createClient(RouterService, createGrpcTransport({ baseUrl: routerUrl }));
  const times: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    const started = performance.now();
    let first = 0;
    for await (const event of router.streamComplete({
      messages: [{ role: "user", content: "Say hi" }],
      strategy: { kind: { case: "pinned", value: { model } } },
    })) {
      if (event.event.case === "delta" && first === 0) first = performance.now() - started;
    }
    times.push(first);
  }
  return percentile(times, 50);
}
