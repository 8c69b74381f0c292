import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { AccountService } from "@switchyard/contracts/switchyard/v1/account_pb";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestStack } from "./support/stack-fixture.js";
import type { WebhookReceiver } from "./support/webhook-receiver.js";
import { hasValidSignature, startWebhookReceiver } from "./support/webhook-receiver.js";

// fixtures/webhooks.yaml: acme's webhook is in the file, globex's is set here through AccountService.
const keys = { acme: "sk-acme-account", globex: "sk-globex-account", admin: "sk-switchyard-dev-admin" } as const;
const secrets = { acme: `acme-${randomUUID()}`, globex: `globex-${randomUUID()}` } as const;
const as = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

let acmeHook: WebhookReceiver;
let globexHook: WebhookReceiver;
let stack: RunningStack;
let router: Client<typeof RouterService>;
let account: Client<typeof AccountService>;

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );
}

async function ask(key: string): Promise<void> {
  await router.complete(
    { messages: [{ role: "user", content: `Webhook ${randomUUID()}` }], strategy: { kind: { case: "pinned", value: { model: "sim-small" } } } },
    as(key),
  );
}

beforeAll(async () => {
  // acme's receiver is down for its first two deliveries and then recovers.
  acmeHook = await startWebhookReceiver((count) => (count <= 2 ? 503 : 204));
  globexHook = await startWebhookReceiver(() => 200);
  stack = await startTestStack({
    configPath: join(import.meta.dirname, "../fixtures/webhooks.yaml"),
    env: { ACME_WEBHOOK_URL: acmeHook.url },
    serviceEnv: { ledger: { ACME_WEBHOOK_SECRET: secrets.acme, WEBHOOK_BACKOFF_MIN_MS: "100", WEBHOOK_BACKOFF_MAX_MS: "400" } },
  });
  const transport = createGrpcTransport({ baseUrl: stack.urls.router });
  router = createClient(RouterService, transport);
  account = createClient(AccountService, transport);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await acmeHook?.close();
  await globexHook?.close();
}, 60_000);

describe("alert webhooks through the stack", () => {
  it("AccountService: admins set a tenant's webhook, tenants read only their own, and the secret never comes back", async () => {
    expect((await failure(account.setWebhook({ tenant: "globex", url: globexHook.url, secret: secrets.globex }, as(keys.globex)))).code).toBe(
      Code.PermissionDenied,
    );
    const set = await account.setWebhook({ tenant: "globex", url: globexHook.url, secret: secrets.globex }, as(keys.admin));
    expect(set.webhook).toMatchObject({ tenant: "globex", url: globexHook.url, secretSet: true, source: "api" });
    const acme = await account.getWebhook({}, as(keys.acme));
    expect(acme.webhook).toMatchObject({ tenant: "acme", url: acmeHook.url, secretSet: true, source: "config" });
    expect(JSON.stringify(acme)).not.toContain(secrets.acme);
    expect(JSON.stringify(await account.getWebhook({ tenant: "globex" }, as(keys.admin)))).not.toContain(secrets.globex);
    expect((await failure(account.getWebhook({ tenant: "globex" }, as(keys.acme)))).code).toBe(Code.PermissionDenied);
    expect((await failure(account.listWebhookDeadLetters({ tenant: "globex" }, as(keys.acme)))).code).toBe(Code.PermissionDenied);
    const badUrl = await failure(account.setWebhook({ tenant: "globex", url: "not a url", secret: secrets.globex }, as(keys.admin)));
    expect([badUrl.code, badUrl.rawMessage]).toEqual([Code.InvalidArgument, expect.stringMatching(/^url:/)]);
  });

  it("each tenant's alert reaches its own webhook once accepted, signed with its secret, after the receiver recovers", async () => {
    await ask(keys.acme);
    await ask(keys.globex);
    await vi.waitFor(() => expect(acmeHook.received.map((webhook) => webhook.status)).toEqual([503, 503, 204]), { timeout: 20_000, interval: 100 });
    await vi.waitFor(() => expect(globexHook.received.map((webhook) => webhook.status)).toEqual([200]), { timeout: 20_000, interval: 100 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(acmeHook.received).toHaveLength(3);
    expect(globexHook.received).toHaveLength(1);
    for (const webhook of acmeHook.received) {
      expect(hasValidSignature(webhook, secrets.acme)).toBe(true);
      expect(JSON.parse(webhook.body)).toMatchObject({ type: "budget.alert", alert: { tenant: "acme" } });
    }
    expect(new Set(acmeHook.received.map((webhook) => webhook.headers["x-switchyard-idempotency-key"])).size).toBe(1);
    expect(hasValidSignature(globexHook.received[0]!, secrets.globex)).toBe(true);
    expect(hasValidSignature(globexHook.received[0]!, secrets.acme)).toBe(false);
    expect(JSON.parse(globexHook.received[0]!.body)).toMatchObject({ alert: { tenant: "globex" } });
    expect((await account.listWebhookDeadLetters({}, as(keys.acme))).deadLetters).toEqual([]);
  });
});
