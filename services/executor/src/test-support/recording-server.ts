import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach } from "vitest";

/** A request as the fake provider received it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** A fake provider that records requests and replays a fixed answer (a recorded fixture). */
export interface RecordingServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a fake provider on a free port answering every request with `status` and `body`. */
export async function startRecordingServer(
  status: number,
  body: unknown,
  contentType = "application/json",
  headers: Readonly<Record<string, string>> = {},
): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      requests.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      });
      response.writeHead(status, { ...headers, "content-type": contentType }).end(typeof body === "string" ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Reads a recorded provider answer from a provider folder's __fixtures__. */
export function readFixture(providerDirectory: string, name: string): string {
  return readFileSync(join(providerDirectory, "__fixtures__", name), "utf8");
}

/** Starts fake providers on demand in a test file and closes each after its test. */
export function useRecordingServers(): (
  status: number,
  body: unknown,
  contentType?: string,
  headers?: Readonly<Record<string, string>>,
) => Promise<RecordingServer> {
  const started: RecordingServer[] = [];
  afterEach(async () => {
    for (const server of started.splice(0)) await server.close();
  });
  return async (status, body, contentType, headers) => {
    const server = await startRecordingServer(status, body, contentType, headers);
    started.push(server);
    return server;
  };
}
