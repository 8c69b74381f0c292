import { status as GrpcStatus } from "@grpc/grpc-js";
import type { ServiceError } from "@grpc/grpc-js";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UnaryCaller } from "./support/grpc-js-client.js";
import { grpcJsClient } from "./support/grpc-js-client.js";
import { meshTokenHeader } from "./support/mesh-headers.js";
import { startTestStack } from "./support/stack-fixture.js";

// The two holes of issue 14, against the real processes: a forged tenant header billing another
// tenant through the executor, and anonymous feedback poisoning the selector's routing.
let stack: RunningStack;
const clients: UnaryCaller[] = [];
const client = (service: string, url: string, defaults: Record<string, string> = {}): UnaryCaller => {
  const made = grpcJsClient(service, url, defaults);
  clients.push(made);
  return made;
};

beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(async () => {
  for (const each of clients) each.close();
  await stack?.stop();
}, 60_000);

async function failure(call: Promise<unknown>): Promise<ServiceError> {
  return call.then(
    () => {
      throw new Error("the call was answered");
    },
    (error: ServiceError) => error,
  );
}

async function unauthenticatedCount(service: "executor" | "selector"): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${stack.ports.metrics[service]}/metrics`)).text();
  return [...text.matchAll(/^rpc_server_unauthenticated_total\{[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

const messages = [{ role: "user", content: "Say hi" }];

describe("trust inside the mesh (real stack, MESH_TOKEN set)", () => {
  it("refuses ExecutorService.Generate with a forged x-switchyard-tenant and no mesh token, and counts it", async () => {
    const before = await unauthenticatedCount("executor");
    const executor = client("switchyard.v1.ExecutorService", stack.urls.executor);
    const refused = await failure(executor.call("Generate", { model: "sim-small", messages }, { metadata: { "x-switchyard-tenant": "beta" } }));
    expect(refused.code).toBe(GrpcStatus.UNAUTHENTICATED);
    expect(await unauthenticatedCount("executor")).toBe(before + 1);
  });

  it("refuses SelectorService.Feedback with no credentials, and counts it", async () => {
    const before = await unauthenticatedCount("selector");
    const selector = client("switchyard.v1.SelectorService", stack.urls.selector);
    const refused = await failure(selector.call("Feedback", { model: "sim-large", quality: 0, messages, source: "FEEDBACK_SOURCE_CALLER" }));
    expect(refused.code).toBe(GrpcStatus.UNAUTHENTICATED);
    expect(await unauthenticatedCount("selector")).toBe(before + 1);
  });

  it("still serves the router's callers end to end: the router proves itself to every peer", async () => {
    const router = client("switchyard.v1.RouterService", stack.urls.router);
    const answered = await router.call<{ answer: string; strategy: string }>("Complete", { messages, strategy: { auto: {} } });
    expect(answered.answer).toMatch(/^\[simulated /);
    expect(answered.strategy).toMatch(/^auto\//);
    const critiqued = await router.call<{ answer: string; critiques: { status: string }[] }>("Complete", {
      messages,
      strategy: { critique: { primary: "sim-small", critics: ["sim-medium"] } },
    });
    expect(critiqued.answer).toMatch(/^\[simulated sim-small\]/);
    expect(critiqued.critiques.map((critique) => critique.status)).toEqual(["CRITIQUE_STATUS_OK"]);
  }, 60_000);

  it("answers a mesh peer carrying the token, and health without any credentials", async () => {
    const executor = client("switchyard.v1.ExecutorService", stack.urls.executor, { [meshTokenHeader]: stack.meshToken });
    const served = await executor.call<{ text: string }>("Generate", { model: "sim-small", messages }, { metadata: { "x-switchyard-tenant": "local" } });
    expect(served.text).toMatch(/^\[simulated sim-small\]/);
    const health = client("grpc.health.v1.Health", stack.urls.selector);
    expect(await health.call<{ status: string }>("Check", { service: "" })).toMatchObject({ status: "SERVING" });
  });
});

describe("caller feedback through the router (real stack)", () => {
  const admin = { authorization: "Bearer sk-switchyard-dev-admin" };
  const pinned = { messages, strategy: { pinned: { model: "sim-small" } } };

  it("takes feedback on the caller's own request once, and refuses another tenant's request id", async () => {
    const router = client("switchyard.v1.RouterService", stack.urls.router);
    const own = await router.call<{ requestId: string }>("Complete", pinned);
    const theirs = await router.call<{ requestId: string }>("Complete", pinned, { metadata: admin });
    const first = await router.call<{ duplicate: boolean; model: string }>("Feedback", { requestId: own.requestId, thumbsUp: true, comment: "right answer" });
    expect(first).toMatchObject({ duplicate: false, model: "sim-small" });
    const repeat = await router.call<{ duplicate: boolean; model: string }>("Feedback", { requestId: own.requestId, quality: 0 });
    expect(repeat).toMatchObject({ duplicate: true, model: "sim-small" });
    expect((await failure(router.call("Feedback", { requestId: theirs.requestId, quality: 0 }))).code).toBe(GrpcStatus.PERMISSION_DENIED);
    expect((await failure(router.call("Feedback", { requestId: "no-such-request", quality: 0 }))).code).toBe(GrpcStatus.NOT_FOUND);
    expect((await failure(router.call("Feedback", { requestId: own.requestId, quality: 1, global: true }))).code).toBe(GrpcStatus.PERMISSION_DENIED);
    const fromAdmin = await router.call<{ duplicate: boolean }>("Feedback", { requestId: theirs.requestId, quality: 1, global: true }, { metadata: admin });
    expect(fromAdmin.duplicate).toBe(false);
  }, 60_000);
});
