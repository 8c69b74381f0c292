import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One POST a receiver got, and the status it answered. */
export interface ReceivedDelivery {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly status: number;
}

/** A webhook endpoint in the test process that answers by a script. */
export interface WebhookReceiver {
  readonly url: string;
  readonly deliveries: readonly ReceivedDelivery[];
  /** Called with each request's number (1 first) before it is answered. */
  onRequest?: (count: number) => void;
  close(): Promise<void>;
}

/** Starts a receiver answering `statusFor(n)` to its n-th request (1 first). */
export async function startWebhookReceiver(statusFor: (count: number) => number): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  const receiver: { onRequest?: (count: number) => void } = {};
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const status = statusFor(deliveries.length + 1);
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      deliveries.push({ headers, body: Buffer.concat(chunks).toString("utf8"), status });
      receiver.onRequest?.(deliveries.length);
      response.writeHead(status).end(status >= 400 ? "receiver says no: secret details that must not be logged" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/switchyard`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
