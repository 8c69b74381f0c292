import type { IncomingMessage, ServerResponse } from "node:http";

const maxBodyBytes = 32 * 1024 * 1024;

/** Reads a JSON request body; rejects bodies over 32 MiB or that are not JSON objects. */
export async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new HttpError(413, "request body too large");
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  } catch {
    throw new HttpError(400, "request body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new HttpError(400, "request body must be a JSON object");
  return body as Record<string, unknown>;
}

/** Sends a JSON response with the simulator's announcement header. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...simulatedHeaders, ...headers });
  response.end(JSON.stringify(body));
}

/** Every response says it came from a simulator, so it is never mistaken for a real model. */
export const simulatedHeaders = { "x-switchyard-simulated": "true", server: "switchyard-provider-sim" } as const;

/** An error with the HTTP status the simulator answers with. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The first value of a request header. */
export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
