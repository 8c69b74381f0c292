import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LedgerService, LookupRequestResponseSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { FeedbackResponseSchema, FeedbackSource, SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import type { FeedbackRequest } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { createContextPropagationInterceptor, createServiceMetrics } from "@switchyard/runtime";
import type { RunningService } from "@switchyard/runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { build } from "../server.js";
import { createKeyDirectory, hashApiKey } from "../tenant-auth.js";
import { createFakePeers } from "../test-support/fake-peers.js";

const tenants = {
  acme: { apiKeys: [{ id: "a1", sha256: hashApiKey("sk-acme") }], admin: false },
  beta: { apiKeys: [{ id: "b1", sha256: hashApiKey("sk-beta") }], admin: false },
  ops: { apiKeys: [{ id: "o1", sha256: hashApiKey("sk-ops") }], admin: true },
};
const as = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });
/** Requests the fake ledger knows: id → [tenant, answering model]. */
const made = new Map([
  ["acme-1", ["acme", "small"]],
  ["beta-1", ["beta", "large"]],
  ["acme-critic-only", ["acme", ""]],
]);
const lookedUpAs: (string | null)[] = [];
const sent: FeedbackRequest[] = [];
const recorded = new Set<string>();

// The peers see what the router's peer clients send: the propagation interceptor passes the
// caller's tenant on, as createPeerClient does in main.ts.
const propagating = { transport: { interceptors: [createContextPropagationInterceptor()] } };
const ledger = createClient(
  LedgerService,
  createRouterTransport(({ service }) => {
    service(LedgerService, {
      lookupRequest(request, context) {
        const tenant = context.requestHeader.get("x-switchyard-tenant");
        lookedUpAs.push(tenant);
        const owner = made.get(request.requestId);
        if (!owner) throw new ConnectError("unknown request", Code.NotFound);
        if (owner[0] !== tenant && tenant !== "ops") throw new ConnectError("not yours", Code.PermissionDenied);
        return create(LookupRequestResponseSchema, { tenant: owner[0], models: [owner[1]!], answeringModel: owner[1] });
      },
    });
  }, propagating),
);
const selector = createClient(
  SelectorService,
  createRouterTransport(({ service }) => {
    service(SelectorService, {
      feedback(request) {
        sent.push(request);
        const key = `${request.requestId}|${request.model}|${request.source}`;
        const duplicate = recorded.has(key);
        recorded.add(key);
        return create(FeedbackResponseSchema, { observations: BigInt(recorded.size), duplicate });
      },
    });
  }, propagating),
);

let router: RunningService;
let client: Client<typeof RouterService>;
beforeAll(async () => {
  const peers = await createFakePeers();
  router = await build({
    ...peers.deps,
    ledger,
    selector,
    access: { ...peers.deps.access, tenants },
    keys: createKeyDirectory(tenants, undefined),
    metrics: createServiceMetrics("router-test"),
    readinessChecks: [],
    readinessIntervalMs: 60_000,
    shutdownGraceMs: 1_000,
  }).start({ host: "127.0.0.1", port: 0, metricsPort: -1 });
  client = createClient(RouterService, createGrpcTransport({ baseUrl: router.url }));
});
afterAll(async () => {
  await router?.stop();
});
beforeEach(() => {
  lookedUpAs.length = 0;
  sent.length = 0;
});

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );
}

const thumbsUp = (requestId: string, extra: Record<string, unknown> = {}) => ({ requestId, signal: { case: "thumbsUp" as const, value: true }, ...extra });

describe("RouterService.Feedback", () => {
  it("sends the caller's observation to the selector for the caller's tenant, about the model that answered", async () => {
    const response = await client.feedback({ requestId: "acme-1", signal: { case: "quality", value: 0.25 }, comment: "a bit short" }, as("sk-acme"));
    expect(response).toMatchObject({ model: "small", duplicate: false });
    expect(lookedUpAs).toEqual(["acme"]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ requestId: "acme-1", model: "small", quality: 0.25, source: FeedbackSource.CALLER, tenant: "acme", global: false });
  });

  it("believes the API key, not a tenant header the caller forged", async () => {
    const forged = await failure(client.feedback(thumbsUp("beta-1"), { headers: { ...as("sk-acme").headers, "x-switchyard-tenant": "beta" } }));
    expect(forged.code).toBe(Code.PermissionDenied);
    expect(lookedUpAs).toEqual(["acme"]);
    expect(sent).toHaveLength(0);
  });

  it("refuses another tenant's request id (PERMISSION_DENIED) and an unknown one (NOT_FOUND), sending nothing", async () => {
    expect((await failure(client.feedback(thumbsUp("beta-1"), as("sk-acme")))).code).toBe(Code.PermissionDenied);
    expect((await failure(client.feedback(thumbsUp("never-made"), as("sk-acme")))).code).toBe(Code.NotFound);
    expect((await failure(client.feedback(thumbsUp("acme-critic-only"), as("sk-acme")))).code).toBe(Code.FailedPrecondition);
    expect(sent).toHaveLength(0);
  });

  it("reports a repeat from the same source as a duplicate", async () => {
    expect(await client.feedback(thumbsUp("beta-1"), as("sk-beta"))).toMatchObject({ duplicate: false, model: "large" });
    expect(await client.feedback({ requestId: "beta-1", signal: { case: "thumbsUp", value: false } }, as("sk-beta"))).toMatchObject({
      duplicate: true,
      model: "large",
    });
  });

  it("moves the global state only for an admin, and keeps the request's own tenant", async () => {
    expect((await failure(client.feedback(thumbsUp("acme-1", { global: true }), as("sk-acme")))).code).toBe(Code.PermissionDenied);
    expect(sent).toHaveLength(0);
    await client.feedback(thumbsUp("acme-1", { global: true }), as("sk-ops"));
    expect(sent[0]).toMatchObject({ requestId: "acme-1", tenant: "acme", global: true });
  });

  it("names the field of bad input (INVALID_ARGUMENT) and refuses calls without credentials", async () => {
    const empty = await failure(client.feedback({ requestId: "", signal: { case: "quality", value: 1 } }, as("sk-acme")));
    expect([empty.code, empty.rawMessage]).toEqual([Code.InvalidArgument, expect.stringMatching(/^request_id:/) as unknown]);
    const outOfRange = await failure(client.feedback({ requestId: "acme-1", signal: { case: "quality", value: 1.5 } }, as("sk-acme")));
    expect([outOfRange.code, outOfRange.rawMessage]).toEqual([Code.InvalidArgument, expect.stringMatching(/^quality:/) as unknown]);
    const noSignal = await failure(client.feedback({ requestId: "acme-1" }, as("sk-acme")));
    expect([noSignal.code, noSignal.rawMessage]).toEqual([Code.InvalidArgument, expect.stringMatching(/^quality or thumbs_up:/) as unknown]);
    expect((await failure(client.feedback(thumbsUp("acme-1")))).code).toBe(Code.Unauthenticated);
  });
});
