import { randomUUID } from "node:crypto";
import { Code, ConnectError } from "@connectrpc/connect";
import type { RunningNats } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Replica, ReplicaOptions } from "./test-support/ledger-harness.js";
import { costEvent, keys, publishEvent, startReplica, startTestNats, withKey } from "./test-support/ledger-harness.js";
import type { WebhookReceiver } from "./test-support/webhook-receiver.js";
import { startWebhookReceiver } from "./test-support/webhook-receiver.js";
import { verifyWebhookSignature } from "./webhooks/webhook-signature.js";

// One alert per tenant: a $1 budget with a 50% threshold, crossed by one $0.60 event.
const budgets = ["acme", "globex", "hooli"].map((tenant) => ({
  tenant,
  scope: "tenant" as const,
  limitUsd: 1_000_000_000n,
  period: "monthly" as const,
  alertThresholds: [0.5],
}));
const secrets = { acme: "acme-secret-0123456789", globex: "globex-secret-0123456789", hooli: "hooli-secret-0123456789" } as const;
const policy = { maxAttempts: 4, backoff: { minMs: 100, maxMs: 400 }, timeoutMs: 2_000, maxInFlight: 4 };

let nats: RunningNats;
let ledger: Replica;
let options: ReplicaOptions;
/** acme: 503 twice, then 200 (configured in the file). */
let recovering: WebhookReceiver;
/** hooli: 503 forever (set by API). */
let broken: WebhookReceiver;
/** globex: 503 once, then 200; the ledger restarts between the two (configured in the file). */
let restarting: WebhookReceiver;

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );
}

/** The alert a delivery carried (the body is `{"type":"budget.alert","alert":{...}}`). */
function alertIn(body: string): { alertId: string; tenant: string } {
  return (JSON.parse(body) as { alert: { alertId: string; tenant: string } }).alert;
}

async function crossThreshold(tenant: string): Promise<void> {
  await publishEvent(ledger.link, costEvent(randomUUID(), 600_000_000n, { tenant }));
}

beforeAll(async () => {
  nats = await startTestNats();
  [recovering, broken, restarting] = await Promise.all([
    startWebhookReceiver((count) => (count <= 2 ? 503 : 200)),
    startWebhookReceiver(() => 503),
    startWebhookReceiver((count) => (count === 1 ? 503 : 200)),
  ]);
  options = {
    budgets,
    webhooks: {
      configured: new Map([
        ["acme", { url: recovering.url, secret: secrets.acme }],
        ["globex", { url: restarting.url, secret: secrets.globex }],
      ]),
      policy,
    },
  };
  ledger = await startReplica(nats.url, options);
}, 60_000);

afterAll(async () => {
  await ledger?.stop();
  await Promise.all([recovering, broken, restarting].map((receiver) => receiver?.close()));
  await nats?.stop();
}, 30_000);

describe("alert webhooks", () => {
  it("a receiver that fails twice and recovers gets the alert accepted exactly once, signed, with one idempotency key", async () => {
    await crossThreshold("acme");
    await vi.waitFor(() => expect(recovering.deliveries.map((delivery) => delivery.status)).toEqual([503, 503, 200]), { timeout: 10_000, interval: 50 });
    // Past the longest backoff: nothing more arrives once one attempt was accepted.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(recovering.deliveries).toHaveLength(3);
    const alertId = alertIn(recovering.deliveries[0]!.body).alertId;
    for (const [index, delivery] of recovering.deliveries.entries()) {
      expect(delivery.headers["x-switchyard-idempotency-key"]).toBe(alertId);
      expect(delivery.headers["x-switchyard-delivery-attempt"]).toBe(String(index + 1));
      expect(delivery.headers["content-type"]).toBe("application/json");
      expect(verifyWebhookSignature(secrets.acme, delivery.headers["x-switchyard-signature"]!, delivery.body, Math.floor(Date.now() / 1_000))).toBe(true);
      expect(verifyWebhookSignature(secrets.globex, delivery.headers["x-switchyard-signature"]!, delivery.body, Math.floor(Date.now() / 1_000))).toBe(false);
    }
    expect(JSON.parse(recovering.deliveries[2]!.body)).toMatchObject({ type: "budget.alert", alert: { tenant: "acme", budgetId: "acme", threshold: 0.5 } });
    expect((await ledger.client().listWebhookDeadLetters({}, withKey(keys.acme))).deadLetters).toEqual([]);
  });

  it("a receiver that never recovers gets maxAttempts tries, then the alert is in the dead-letter log", async () => {
    const set = await ledger.client().setWebhook({ tenant: "hooli", url: broken.url, secret: secrets.hooli }, withKey(keys.admin));
    expect(set.webhook).toMatchObject({ tenant: "hooli", url: broken.url, secretSet: true, source: "api" });
    await crossThreshold("hooli");
    const deadLetters = await vi.waitFor(
      async () => {
        const listed = (await ledger.client().listWebhookDeadLetters({}, withKey(keys.hooli))).deadLetters;
        expect(listed).toHaveLength(1);
        return listed;
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(deadLetters[0]).toMatchObject({ url: broken.url, attempts: 4, lastError: "HTTP 503", alert: { tenant: "hooli" } });
    expect(broken.deliveries.map((delivery) => delivery.status)).toEqual([503, 503, 503, 503]);
    // The other tenants' reads never show it; an admin sees it under hooli.
    expect((await ledger.client().listWebhookDeadLetters({}, withKey(keys.acme))).deadLetters).toEqual([]);
    expect((await failure(ledger.client().listWebhookDeadLetters({ tenant: "hooli" }, withKey(keys.acme)))).code).toBe(Code.PermissionDenied);
    expect((await ledger.client().listWebhookDeadLetters({ tenant: "hooli" }, withKey(keys.admin))).deadLetters).toHaveLength(1);
  });

  it("a delivery waiting for its retry survives a ledger restart and is accepted once, under the same key", async () => {
    const firstAttempt = new Promise<void>((resolve) => (restarting.onRequest = () => resolve()));
    await crossThreshold("globex");
    await firstAttempt;
    await ledger.stop();
    ledger = await startReplica(nats.url, options);
    await vi.waitFor(() => expect(restarting.deliveries.map((delivery) => delivery.status)).toEqual([503, 200]), { timeout: 10_000, interval: 50 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(restarting.deliveries).toHaveLength(2);
    const [first, second] = restarting.deliveries;
    expect(second?.headers["x-switchyard-idempotency-key"]).toBe(first?.headers["x-switchyard-idempotency-key"]);
    expect(second?.headers["x-switchyard-delivery-attempt"]).toBe("2");
  });

  it("one tenant's webhook never receives another tenant's alert", () => {
    const tenantsSeen = (receiver: WebhookReceiver): string[] => [...new Set(receiver.deliveries.map((delivery) => alertIn(delivery.body).tenant))];
    expect(tenantsSeen(recovering)).toEqual(["acme"]);
    expect(tenantsSeen(broken)).toEqual(["hooli"]);
    expect(tenantsSeen(restarting)).toEqual(["globex"]);
  });

  it("SetWebhook is for admins, checks its fields, and no RPC returns the secret", async () => {
    const client = ledger.client();
    expect((await failure(client.setWebhook({ tenant: "acme", url: "https://example.com/hook", secret: "x".repeat(20) }, withKey(keys.acme)))).code).toBe(
      Code.PermissionDenied,
    );
    const badUrl = await failure(client.setWebhook({ tenant: "acme", url: "ftp://example.com", secret: "x".repeat(20) }, withKey(keys.admin)));
    expect([badUrl.code, badUrl.rawMessage]).toEqual([Code.InvalidArgument, expect.stringMatching(/^url:/)]);
    const shortSecret = await failure(client.setWebhook({ tenant: "acme", url: "https://example.com/hook", secret: "short" }, withKey(keys.admin)));
    expect([shortSecret.code, shortSecret.rawMessage]).toEqual([Code.InvalidArgument, expect.stringMatching(/^secret:/)]);
    const unknown = await failure(client.setWebhook({ tenant: "initech", url: "https://example.com/hook", secret: "x".repeat(20) }, withKey(keys.admin)));
    expect([unknown.code, unknown.rawMessage]).toEqual([Code.InvalidArgument, expect.stringMatching(/^tenant:/)]);

    const own = await client.getWebhook({}, withKey(keys.acme));
    expect(own.webhook).toMatchObject({ tenant: "acme", url: recovering.url, secretSet: true, source: "config" });
    expect(JSON.stringify(own)).not.toContain(secrets.acme);
    expect((await failure(client.getWebhook({ tenant: "hooli" }, withKey(keys.acme)))).code).toBe(Code.PermissionDenied);
    const hooli = await client.getWebhook({ tenant: "hooli" }, withKey(keys.admin));
    expect(JSON.stringify(hooli)).not.toContain(secrets.hooli);
    // An empty url removes the API's webhook; hooli has none in the file.
    const removed = await client.setWebhook({ tenant: "hooli", url: "" }, withKey(keys.admin));
    expect(removed.webhook).toMatchObject({ tenant: "hooli", url: "", secretSet: false, source: "" });
  });
});
