#!/usr/bin/env node
// The instant OpenAI-compatible upstream both gateways call in `npm run bench:peer`: answers
// POST /v1/chat/completions at once (JSON, or SSE when `stream` is set, usage included) and
// nothing else. Listens on 127.0.0.1 at the port given as its argument and prints "listening <port>".
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";

const text = ["Hi", " there", "."];
const usage = { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 };

function answer(model: string, stream: boolean, response: ServerResponse): void {
  const id = "chatcmpl-bench";
  const created = Math.floor(Date.now() / 1_000);
  if (!stream) {
    const body = JSON.stringify({
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: text.join("") }, finish_reason: "stop" }],
      usage,
    });
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    response.end(body);
    return;
  }
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices, ...extra })}\n\n`;
  const frames = [
    ...text.map((part, index) => chunk([{ index: 0, delta: index === 0 ? { role: "assistant", content: part } : { content: part }, finish_reason: null }])),
    chunk([{ index: 0, delta: {}, finish_reason: "stop" }]),
    chunk([], { usage }),
    "data: [DONE]\n\n",
  ];
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  response.end(frames.join(""));
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== "POST" || !request.url?.endsWith("/chat/completions")) {
    response.writeHead(404).end();
    return;
  }
  const parts: Buffer[] = [];
  request.on("data", (part: Buffer) => parts.push(part));
  request.on("end", () => {
    try {
      const body = JSON.parse(Buffer.concat(parts).toString("utf8")) as { model?: unknown; stream?: unknown };
      answer(typeof body.model === "string" ? body.model : "stub", body.stream === true, response);
    } catch {
      response.writeHead(400, { "content-type": "application/json" }).end('{"error":{"message":"invalid JSON"}}');
    }
  });
}

const server = createServer({ keepAliveTimeout: 60_000 }, handle);
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
