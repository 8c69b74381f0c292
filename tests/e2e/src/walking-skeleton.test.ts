import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { status as GrpcStatus } from "@grpc/grpc-js";
import type { RunningStack, ServiceName } from "@switchyard/stack";
import { serviceNames } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bufCurl } from "./support/buf-curl.js";
import type { UnaryCaller } from "./support/grpc-js-client.js";
import { grpcJsClient } from "./support/grpc-js-client.js";
import { startTestStack } from "./support/stack-fixture.js";

interface Attempt {
  costNanoUsd: string;
  outcome: string;
  model: string;
}
interface CompleteResponse {
  answer: string;
  model: string;
  provider: string;
  totalCostNanoUsd: string;
  attempts: Attempt[];
  simulated: boolean;
  requestId: string;
  traceId: string;
}
interface ReportResponse {
  total: { costNanoUsd: string; requests: string; attempts: string };
  rows: { group: Record<string, string>; costNanoUsd: string }[];
}

let stack: RunningStack;
let router: UnaryCaller;
let ledger: UnaryCaller;

beforeAll(async () => {
  stack = await startTestStack({ serviceEnv: { router: { MAX_PROMPT_CHARS: "2000" } } });
  router = grpcJsClient("switchyard.v1.RouterService", stack.urls.router);
  ledger = grpcJsClient("switchyard.v1.LedgerService", stack.urls.ledger);
}, 120_000);

afterAll(async () => {
  router?.close();
  ledger?.close();
  await stack?.stop();
}, 60_000);

const say = (content: string) => ({ messages: [{ role: "user", content }], strategy: { pinned: { model: "sim-small" } } });

async function ledgerTotal(): Promise<bigint> {
  const report = await ledger.call<ReportResponse>("Report", {});
  return BigInt(report.total.costNanoUsd);
}

describe("walking skeleton, end to end on real processes", () => {
  it.each(serviceNames)("%s reports SERVING through grpc.health.v1", async (name: ServiceName) => {
    const health = grpcJsClient("grpc.health.v1.Health", stack.urls[name]);
    await expect(health.call("Check", { service: "" })).resolves.toMatchObject({ status: "SERVING" });
    health.close();
  });

  it("answers a pinned request with its model and cost, and the ledger reports the same cost", async () => {
    const before = await ledgerTotal();
    const response = await router.call<CompleteResponse>("Complete", say(`Say hi ${randomUUID()}`));
    expect(response.answer).toMatch(/^\[simulated sim-small\]/);
    expect(response).toMatchObject({ model: "sim-small", provider: "simulator", simulated: true });
    expect(response.attempts).toHaveLength(1);
    expect(response.attempts[0]).toMatchObject({ outcome: "ATTEMPT_OUTCOME_SUCCEEDED", costNanoUsd: response.totalCostNanoUsd });
    expect(BigInt(response.totalCostNanoUsd)).toBeGreaterThan(0n);
    expect(response.traceId).toMatch(/^[0-9a-f]{32}$/);
    await expect.poll(ledgerTotal, { timeout: 5_000 }).toBe(before + BigInt(response.totalCostNanoUsd));
    const report = await ledger.call<ReportResponse>("Report", {});
    expect(report.rows.find((row) => row.group["model"] === "sim-small")?.group).toEqual({ tenant: "local", model: "sim-small" });
  });

  it("serves the Ollama protocol model through the same path", async () => {
    const response = await router.call<CompleteResponse>("Complete", {
      messages: [{ role: "user", content: "Say hi" }],
      strategy: { pinned: { model: "sim-ollama" } },
    });
    expect(response).toMatchObject({ model: "sim-ollama", provider: "simulator-ollama", totalCostNanoUsd: "0" });
    expect(response.answer).toMatch(/^\[simulated sim-ollama\]/);
  });

  it("lists services through reflection and answers the README's buf curl call", async () => {
    const listed = await bufCurl(["--list-services", stack.urls.router]);
    expect(listed.stdout.split("\n")).toEqual(expect.arrayContaining(["switchyard.v1.RouterService", "grpc.health.v1.Health"]));
    const body = '{"messages":[{"role":"user","content":"Say hi"}],"strategy":{"pinned":{"model":"sim-small"}}}';
    const called = await bufCurl(["-d", body, `${stack.urls.router}/switchyard.v1.RouterService/Complete`]);
    expect(called.code).toBe(0);
    const response = JSON.parse(called.stdout) as CompleteResponse;
    expect(response.model).toBe("sim-small");
    expect(BigInt(response.totalCostNanoUsd)).toBeGreaterThan(0n);
    const alpha = await bufCurl(["--reflect-protocol", "grpc-v1alpha", "--list-methods", stack.urls.ledger]);
    expect(alpha.stdout).toMatch(/switchyard\.v1\.LedgerService\/Report/);
  });

  it.each([
    ["empty messages", { messages: [], strategy: { pinned: { model: "sim-small" } } }, GrpcStatus.INVALID_ARGUMENT, /at least one message/],
    [
      "an unknown model",
      { messages: [{ role: "user", content: "hi" }], strategy: { pinned: { model: "gpt-9" } } },
      GrpcStatus.NOT_FOUND,
      /unknown model "gpt-9"/,
    ],
    [
      "an unknown role",
      { messages: [{ role: "robot", content: "hi" }], strategy: { pinned: { model: "sim-small" } } },
      GrpcStatus.INVALID_ARGUMENT,
      /unknown role "robot"/,
    ],
    ["an oversized prompt", say("x".repeat(2_001)), GrpcStatus.INVALID_ARGUMENT, /over the limit of 2000/],
    ["a quality bar above 1", { ...say("hi"), minQuality: 1.5 }, GrpcStatus.INVALID_ARGUMENT, /min_quality: must be between 0 and 1/],
  ])("refuses %s with a message that says what is wrong", async (_name, request, code, message) => {
    const error = await router.call("Complete", request).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code });
    expect((error as { details: string }).details).toMatch(message);
  });

  it("refuses unknown JSON fields with INVALID_ARGUMENT", async () => {
    const result = await bufCurl([
      "-d",
      '{"messages":[{"role":"user","content":"hi"}],"strategy":{"pinned":{"model":"sim-small","colour":"red"}}}',
      `${stack.urls.router}/switchyard.v1.RouterService/Complete`,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/colour/);
  });

  it("lets an in-flight call finish when the executor gets SIGTERM, and loses no cost event", async () => {
    const before = await ledgerTotal();
    const slow = say(`slow ${randomUUID()} [[sim:slow_first_token delay_ms=1500]]`);
    const inFlight = router.call<CompleteResponse>("Complete", slow);
    await sleep(400);
    const exit = stack.stopService("executor", "SIGTERM");
    const response = await inFlight;
    expect(await exit).toBe(0);
    expect(response.answer).toMatch(/^\[simulated sim-small\]/);
    await stack.startService("executor");
    await expect.poll(ledgerTotal, { timeout: 10_000 }).toBe(before + BigInt(response.totalCostNanoUsd));
  }, 60_000);

  it("reports the router NOT_SERVING while a required peer is down", async () => {
    const health = grpcJsClient("grpc.health.v1.Health", stack.urls.router);
    await stack.stopService("selector", "SIGTERM");
    await expect.poll(async () => (await health.call<{ status: string }>("Check", { service: "" })).status, { timeout: 5_000 }).toBe("NOT_SERVING");
    await stack.startService("selector");
    await expect.poll(async () => (await health.call<{ status: string }>("Check", { service: "" })).status, { timeout: 5_000 }).toBe("SERVING");
    health.close();
  }, 60_000);
});
