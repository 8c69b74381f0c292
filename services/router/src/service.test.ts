import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { createServiceMetrics } from "@switchyard/runtime";
import type { RunningService } from "@switchyard/runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { build } from "./server.js";
import { createKeyDirectory, hashApiKey } from "./tenant-auth.js";
import { createFakePeers } from "./test-support/fake-peers.js";

const peers = await createFakePeers();
const tenants = {
  acme: { apiKeys: [{ id: "key-1", sha256: hashApiKey("sk-acme") }], allowedModels: ["small"], admin: false },
  local: { apiKeys: [], admin: false },
};

function startRouter(devTenant: string | undefined): Promise<RunningService> {
  return build({
    ...peers.deps,
    access: { ...peers.deps.access, tenants },
    keys: createKeyDirectory(tenants, devTenant),
    maxPromptChars: 100,
    metrics: createServiceMetrics("router-test"),
    readinessChecks: [],
    readinessIntervalMs: 60_000,
    shutdownGraceMs: 1_000,
  }).start({ host: "127.0.0.1", port: 0, metricsPort: -1 });
}

let devRouter: RunningService;
let strictRouter: RunningService;
let dev: Client<typeof RouterService>;
let strict: Client<typeof RouterService>;
beforeAll(async () => {
  devRouter = await startRouter("local");
  strictRouter = await startRouter(undefined);
  dev = createClient(RouterService, createGrpcTransport({ baseUrl: devRouter.url }));
  strict = createClient(RouterService, createGrpcTransport({ baseUrl: strictRouter.url }));
});
afterAll(async () => {
  await devRouter?.stop();
  await strictRouter?.stop();
});
beforeEach(() => {
  peers.generated.length = 0;
});

const pinned = (model: string) => ({ messages: [{ role: "user", content: "hi" }], strategy: { kind: { case: "pinned" as const, value: { model } } } });

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );
}

describe("RouterService.Complete with the pinned strategy", () => {
  it("calls the executor with the request's context and itemises the answer", async () => {
    const response = await dev.complete(pinned("small"), { headers: { "x-request-id": "req-9" } });
    expect(response).toMatchObject({ answer: "answer from small", model: "small", strategy: "pinned", totalCostNanoUsd: 50n, requestId: "req-9" });
    expect(response.attempts).toHaveLength(1);
    expect(peers.generated[0]?.context).toMatchObject({ requestId: "req-9", strategy: "pinned" });
  });

  it("answers dev-mode calls as the dev tenant, and ignores a tenant header the caller made up", async () => {
    await dev.complete(pinned("large"), { headers: { "x-switchyard-tenant": "acme" } });
    expect(peers.generated[0]?.model).toBe("large");
  });

  it("authenticates API keys and applies the tenant's model allow-list", async () => {
    await expect(strict.complete(pinned("small"), { headers: { authorization: "Bearer sk-acme" } })).resolves.toMatchObject({ model: "small" });
    const denied = await failure(strict.complete(pinned("large"), { headers: { authorization: "Bearer sk-acme" } }));
    expect(denied.code).toBe(Code.PermissionDenied);
    expect(denied.rawMessage).toMatch(/may not use model "large"/);
    expect(await failure(strict.complete(pinned("small"), { headers: { authorization: "Bearer sk-wrong" } }))).toMatchObject({ code: Code.Unauthenticated });
    const anonymous = await failure(strict.complete(pinned("small")));
    expect(anonymous.code).toBe(Code.Unauthenticated);
    expect(anonymous.rawMessage).toMatch(/missing credentials/);
  });

  it("refuses bad input before calling the executor", async () => {
    expect(await failure(dev.complete(pinned("gpt-9")))).toMatchObject({ code: Code.NotFound });
    expect(await failure(dev.complete({ ...pinned("small"), minQuality: -0.1 }))).toMatchObject({ code: Code.InvalidArgument });
    expect(await failure(dev.complete({ ...pinned("small"), messages: [{ role: "user", content: "x".repeat(101) }] }))).toMatchObject({
      code: Code.InvalidArgument,
    });
    expect(peers.generated).toHaveLength(0);
  });

  it("answers a repeated idempotency key from the first result without paying twice", async () => {
    const request = { ...pinned("small"), idempotencyKey: "retry-me" };
    const first = await dev.complete(request);
    const second = await dev.complete(request);
    expect(second.requestId).toBe(first.requestId);
    expect(peers.generated).toHaveLength(1);
  });

  it("runs auto when no strategy is given", async () => {
    const response = await dev.complete({ messages: [{ role: "user", content: "hi" }] });
    expect(response.strategy).toMatch(/^auto\//);
  });
});
