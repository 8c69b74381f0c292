import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { ExecutorService, GenerateResponseSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { GenerateRequest } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { createLogger, createServiceMetrics } from "@switchyard/runtime";
import type { RunningService } from "@switchyard/runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { build } from "./server.js";
import { createKeyDirectory, hashApiKey } from "./tenant-auth.js";

const executorCalls: { request: GenerateRequest; tenant: string | null }[] = [];
const executor = createClient(
  ExecutorService,
  createRouterTransport(({ service }) => {
    service(ExecutorService, {
      generate(request, context) {
        executorCalls.push({ request, tenant: context.requestHeader.get("x-switchyard-tenant") });
        return create(GenerateResponseSchema, { text: "fake answer", model: request.model, provider: "fake", costNanoUsd: 42n, attempts: [{ attemptId: "a1", costNanoUsd: 42n }] });
      },
      streamGenerate: () => { throw new ConnectError("unused", Code.Unimplemented); },
      listModels: () => ({}),
    });
  }),
);

const tenants = {
  acme: { apiKeys: [{ id: "key-1", sha256: hashApiKey("sk-acme") }], allowedModels: ["small"], admin: false },
  local: { apiKeys: [], admin: false },
};
const models = {
  small: { provider: "fake", contextWindow: 8_192, limits: {} },
  large: { provider: "fake", contextWindow: 8_192, limits: {} },
};

function startRouter(devTenant: string | undefined): Promise<RunningService> {
  return build({
    executor,
    access: { models, tenants },
    keys: createKeyDirectory(tenants, devTenant),
    maxPromptChars: 100,
    logger: createLogger({ service: "router-test", level: "silent" }),
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
  executorCalls.length = 0;
});

const pinned = (model: string) => ({ messages: [{ role: "user", content: "hi" }], strategy: { kind: { case: "pinned" as const, value: { model } } } });

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  return promise.then(() => { throw new Error("expected a failure"); }, (error: unknown) => ConnectError.from(error));
}

describe("RouterService.Complete with the pinned strategy", () => {
  it("calls the executor with the request's context and itemises the answer", async () => {
    const response = await dev.complete(pinned("small"), { headers: { "x-request-id": "req-9" } });
    expect(response).toMatchObject({ answer: "fake answer", model: "small", strategy: "pinned", totalCostNanoUsd: 42n, requestId: "req-9" });
    expect(response.attempts).toHaveLength(1);
    expect(executorCalls[0]?.request.context).toMatchObject({ requestId: "req-9", strategy: "pinned" });
  });

  it("answers dev-mode calls as the dev tenant, and ignores a tenant header the caller made up", async () => {
    await dev.complete(pinned("large"), { headers: { "x-switchyard-tenant": "acme" } });
    expect(executorCalls[0]?.request.model).toBe("large");
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
    expect(await failure(dev.complete({ ...pinned("small"), messages: [{ role: "user", content: "x".repeat(101) }] }))).toMatchObject({ code: Code.InvalidArgument });
    expect(executorCalls).toHaveLength(0);
  });

  it("says which strategies are not there yet instead of pretending", async () => {
    const auto = await failure(dev.complete({ messages: [{ role: "user", content: "hi" }] }));
    expect(auto.code).toBe(Code.Unimplemented);
    expect(auto.rawMessage).toMatch(/strategy "auto" is not implemented yet/);
  });
});
