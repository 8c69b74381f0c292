import type { ServerResponse } from "node:http";
import type { Http2ServerResponse } from "node:http2";

/** An outgoing response on either protocol. */
export type DoorResponse = ServerResponse | Http2ServerResponse;

/** Writes a whole JSON answer. */
export function sendJson(response: DoorResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
  response.end(text);
}

/** Starts a server-sent event stream (headers go out now; the status is final). */
export function startEventStream(response: DoorResponse, headers: Readonly<Record<string, string>>): void {
  response.writeHead(200, { ...headers, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" });
}

/** Writes stream text (both protocols' responses accept a string chunk). */
export function writeText(response: DoorResponse, text: string): void {
  (response as { write(chunk: string): boolean }).write(text);
}

/** One SSE frame: `event:` (Anthropic names them) and `data:` JSON. */
export function sseFrame(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}
