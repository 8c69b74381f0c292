import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One POST a receiver got, and the status it answered. */
export interface ReceivedWebhook {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly status: number;
}

/** A webhook endpoint in the test process, answering by a script. */
export interface WebhookReceiver {
  readonly url: string;
  readonly received: readonly ReceivedWebhook[];
  close(): Promise<void>;
}

/** Starts a receiver answering `statusFor(n)` to its n-th POST (1 first). */
export async function startWebhookReceiver(statusFor: (count: number) => number): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const status = statusFor(received.length + 1);
      received.push({
        headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
        body: Buffer.concat(chunks).toString("utf8"),
        status,
      });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Checks `x-switchyard-signature: t=<unix>,v1=<hex>` the way a receiver would, written here
 * from the documented scheme (HMAC-SHA256 over "<t>.<body>"), not with the ledger's code.
 */
export function hasValidSignature(webhook: ReceivedWebhook, secret: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(webhook.headers["x-switchyard-signature"] ?? "");
  if (!match) return false;
  const expected = createHmac("sha256", secret).update(`${match[1]}.${webhook.body}`).digest("hex");
  return expected === match[2] && Math.abs(Date.now() / 1_000 - Number(match[1])) < 300;
}
