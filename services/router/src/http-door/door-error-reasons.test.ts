import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorInfoSchema } from "@switchyard/contracts/google/rpc/error_details_pb";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { createServiceMetrics, reasonDetails } from "@switchyard/runtime";
import type { DualProtocolListener, RunningService } from "@switchyard/runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { build } from "../server.js";
import { createKeyDirectory } from "../tenant-auth.js";
import { createFakePeers } from "../test-support/fake-peers.js";

// An executor's ErrorReason, through the router's strategies and out of the HTTP door: the
// executor stand-in sends its error over a Connect transport, the router serves the door.
const peers = await createFakePeers();
let router: RunningService;
let door: DualProtocolListener;

beforeAll(async () => {
  const host = build({
    ...peers.deps,
    keys: createKeyDirectory(peers.deps.access.tenants, "local"),
    metrics: createServiceMetrics("router-test"),
    readinessChecks: [],
    readinessIntervalMs: 60_000,
    shutdownGraceMs: 1_000,
  });
  router = await host.start({ host: "127.0.0.1", port: 0, metricsPort: -1 });
  door = await host.startHttpDoor({ host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  door.destroyConnections();
  await door.close();
  await router.stop();
});

beforeEach(() => {
  peers.behaviour.clear();
  peers.budgetRemaining = undefined;
});

async function openAiChat(model: string): Promise<{ status: number; headers: Headers; error: { type: string; code: string | null; message: string } }> {
  const response = await fetch(`http://127.0.0.1:${door.port}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
  });
  const body = (await response.json()) as { error: { type: string; code: string | null; message: string } };
  return { status: response.status, headers: response.headers, error: body.error };
}

describe("error reasons from the executor to the HTTP door", () => {
  it("a context-length failure is 400 context_length_exceeded, whatever its gRPC code", async () => {
    peers.behaviour.set(
      "small",
      new ConnectError(
        "fake: prompt too long",
        Code.FailedPrecondition,
        undefined,
        reasonDetails({ reason: ErrorReason.CONTEXT_LENGTH_EXCEEDED, model: "small" }),
      ),
    );
    const failed = await openAiChat("small");
    expect(failed.status).toBe(400);
    expect(failed.error).toMatchObject({ type: "invalid_request_error", code: "context_length_exceeded" });
    expect(failed.headers.get("x-switchyard-error-reason")).toBe("context_length_exceeded");
  });

  it("an open breaker is 503 with its retry delay and the reason as the code", async () => {
    peers.behaviour.set(
      "small",
      new ConnectError(
        "the circuit breaker of small is open",
        Code.Unavailable,
        undefined,
        reasonDetails({ reason: ErrorReason.CIRCUIT_OPEN, model: "small", retryAfterMs: 2_500 }),
      ),
    );
    const failed = await openAiChat("small");
    expect(failed.status).toBe(503);
    expect(failed.error).toMatchObject({ type: "server_error", code: "circuit_open" });
    expect(failed.headers.get("retry-after")).toBe("3");
  });

  it("Switchyard's own rate limit and a provider's 429 are both 429 rate_limit_exceeded", async () => {
    for (const reason of [ErrorReason.RATE_LIMITED, ErrorReason.PROVIDER_RATE_LIMITED, ErrorReason.QUEUE_FULL]) {
      peers.behaviour.set("small", new ConnectError("busy", Code.ResourceExhausted, undefined, reasonDetails({ reason, retryAfterMs: 1_000 })));
      const failed = await openAiChat("small");
      expect([failed.status, failed.error.code, failed.headers.get("retry-after")]).toEqual([429, "rate_limit_exceeded", "1"]);
    }
  });

  it("a provider refusing Switchyard's key is a bad gateway, not the caller's 403", async () => {
    peers.behaviour.set(
      "small",
      new ConnectError(
        "openai: Incorrect API key provided",
        Code.PermissionDenied,
        undefined,
        reasonDetails({ reason: ErrorReason.PROVIDER_AUTH, provider: "openai", providerStatus: 401 }),
      ),
    );
    const failed = await openAiChat("small");
    expect(failed.status).toBe(502);
    expect(failed.error.code).toBe("provider_auth");
  });

  it("the ledger's budget refusal is 429 insufficient_quota", async () => {
    peers.budgetRemaining = 0n;
    const failed = await openAiChat("small");
    expect(failed.status).toBe(429);
    expect(failed.error).toMatchObject({ type: "insufficient_quota", code: "insufficient_quota" });
  });

  it("an older executor's ErrorInfo string still reads as the reason", async () => {
    const legacy = create(ErrorInfoSchema, { reason: "CONTEXT_LENGTH_EXCEEDED", domain: "switchyard.dev" });
    peers.behaviour.set("small", new ConnectError("old: prompt too long", Code.FailedPrecondition, undefined, [{ desc: ErrorInfoSchema, value: legacy }]));
    const failed = await openAiChat("small");
    expect([failed.status, failed.error.code]).toEqual([400, "context_length_exceeded"]);
  });
});
