import { setTimeout as sleep } from "node:timers/promises";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus as Status } from "@switchyard/contracts/grpc/health/v1/health_pb";
import { ServerReflection, ServerReflectionRequestSchema } from "@switchyard/contracts/grpc/reflection/v1/reflection_pb";
import { ScoreResponseSchema, SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";
import { createServiceMetrics } from "./metrics.js";
import { currentRequestContext } from "./request-context.js";
import type { RunningService } from "./service-host.js";
import { createServiceHost } from "./service-host.js";

const logger = createLogger({ service: "test", level: "silent" });
let running: RunningService | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A selector whose Score waits `delayMs` and reports the trace it saw in its task type. */
async function startTestService(options: { ready?: () => boolean; delayMs?: number; graceMs?: number } = {}): Promise<RunningService> {
  running = await createServiceHost({
    services: [SelectorService],
    routes: (router) => {
      router.service(SelectorService, {
        async score(request) {
          await sleep(options.delayMs ?? 0);
          if (request.messages.length === 0) throw new TypeError("boom");
          const context = currentRequestContext();
          return create(ScoreResponseSchema, { taskType: `${context?.trace.traceId}/${context?.requestId}/${context?.tenant}` });
        },
        feedback: () => ({}),
      });
    },
    logger,
    metrics: createServiceMetrics("test"),
    readinessChecks: [{ name: "flag", check: () => options.ready?.() ?? true }],
    readinessIntervalMs: 60_000,
    shutdownGraceMs: options.graceMs ?? 5_000,
  }).start({ host: "127.0.0.1", port: 0, metricsPort: 0 });
  return running;
}

const hello = { messages: [{ role: "user", content: "hi" }] };

describe("service host", () => {
  it("reports readiness from its checks through grpc.health.v1 Check and List", async () => {
    let ready = false;
    const service = await startTestService({ ready: () => ready });
    const health = createClient(Health, createGrpcTransport({ baseUrl: service.url }));
    expect((await health.check({ service: "" })).status).toBe(Status.NOT_SERVING);
    ready = true;
    await service.checkReadiness();
    expect((await health.check({ service: "switchyard.v1.SelectorService" })).status).toBe(Status.SERVING);
    const list = await health.list({});
    expect(Object.keys(list.statuses)).toEqual(expect.arrayContaining(["", "switchyard.v1.SelectorService"]));
    await expect(health.check({ service: "nope" })).rejects.toMatchObject({ code: Code.NotFound });
  });

  it("streams health changes through Watch", async () => {
    let ready = true;
    const service = await startTestService({ ready: () => ready });
    const health = createClient(Health, createGrpcTransport({ baseUrl: service.url }));
    const controller = new AbortController();
    const seen: Status[] = [];
    const watching = (async () => {
      for await (const update of health.watch({ service: "" }, { signal: controller.signal })) {
        seen.push(update.status);
        if (seen.length === 2) controller.abort();
      }
    })().catch(() => undefined);
    await expect.poll(() => seen.length).toBe(1);
    ready = false;
    await service.checkReadiness();
    await watching;
    expect(seen).toEqual([Status.SERVING, Status.NOT_SERVING]);
  });

  it("answers reflection: services, and files with their dependencies", async () => {
    const service = await startTestService();
    const reflection = createClient(ServerReflection, createGrpcTransport({ baseUrl: service.url }));
    async function* ask() {
      yield create(ServerReflectionRequestSchema, { messageRequest: { case: "listServices", value: "" } });
      yield create(ServerReflectionRequestSchema, { messageRequest: { case: "fileContainingSymbol", value: "switchyard.v1.SelectorService.Score" } });
      yield create(ServerReflectionRequestSchema, { messageRequest: { case: "fileContainingSymbol", value: "no.Such" } });
    }
    const answers = [];
    for await (const answer of reflection.serverReflectionInfo(ask())) answers.push(answer.messageResponse);
    expect(answers[0]?.case).toBe("listServicesResponse");
    const names = answers[0]?.case === "listServicesResponse" ? answers[0].value.service.map((each) => each.name) : [];
    expect(names).toEqual(expect.arrayContaining(["switchyard.v1.SelectorService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"]));
    expect(answers[1]?.case).toBe("fileDescriptorResponse");
    expect(answers[1]?.case === "fileDescriptorResponse" ? answers[1].value.fileDescriptorProto.length : 0).toBeGreaterThanOrEqual(2);
    expect(answers[2]).toMatchObject({ case: "errorResponse", value: { errorCode: Code.NotFound } });
  });

  it("carries the caller's trace and request id into the handler, and echoes them", async () => {
    const service = await startTestService();
    const selector = createClient(SelectorService, createGrpcTransport({ baseUrl: service.url }));
    let headers: Headers | undefined;
    const response = await selector.score(hello, {
      headers: { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "x-request-id": "req-1", "x-switchyard-tenant": "acme" },
      onHeader: (received) => (headers = received),
    });
    expect(response.taskType).toBe("4bf92f3577b34da6a3ce929d0e0e4736/req-1/acme");
    expect(headers?.get("x-request-id")).toBe("req-1");
    expect(headers?.get("traceparent")).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-/);
  });

  it("maps unexpected errors to INTERNAL without leaking their message", async () => {
    const service = await startTestService();
    const selector = createClient(SelectorService, createGrpcTransport({ baseUrl: service.url }));
    const error = await selector.score({}).catch((caught: unknown) => ConnectError.from(caught));
    expect(error).toMatchObject({ code: Code.Internal, rawMessage: "internal error" });
  });

  it("lets an in-flight call finish during a graceful stop, and refuses new connections", async () => {
    const service = await startTestService({ delayMs: 400 });
    const selector = createClient(SelectorService, createGrpcTransport({ baseUrl: service.url }));
    const inFlight = selector.score(hello);
    await sleep(100);
    const stopping = service.stop();
    running = undefined;
    expect((await inFlight).taskType).toMatch(/^[0-9a-f]{32}\//);
    await stopping;
    const late = createClient(SelectorService, createGrpcTransport({ baseUrl: service.url }));
    await expect(late.score(hello, { timeoutMs: 1_000 })).rejects.toMatchObject({ code: Code.Unavailable });
  });

  it("cuts calls that outlive the grace period", async () => {
    const service = await startTestService({ delayMs: 5_000, graceMs: 200 });
    const selector = createClient(SelectorService, createGrpcTransport({ baseUrl: service.url }));
    const inFlight = selector.score(hello).catch((caught: unknown) => ConnectError.from(caught));
    await sleep(100);
    await service.stop();
    running = undefined;
    expect((await inFlight) instanceof ConnectError).toBe(true);
  });

  it("serves Prometheus metrics with per-method counts", async () => {
    const service = await startTestService();
    const selector = createClient(SelectorService, createGrpcTransport({ baseUrl: service.url }));
    await selector.score(hello);
    const text = await (await fetch(`http://127.0.0.1:${service.metricsPort}/metrics`)).text();
    expect(text).toMatch(/rpc_server_requests_total\{method="switchyard.v1.SelectorService\/Score",code="ok",service="test"\} 1/);
  });
});
