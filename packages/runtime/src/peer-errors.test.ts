import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { ScoreResponseSchema, SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";
import { createServiceMetrics } from "./metrics.js";
import { createPeerClient } from "./peer-client.js";
import type { RunningService } from "./service-host.js";
import { createServiceHost } from "./service-host.js";

const logger = createLogger({ service: "test", level: "silent" });
const started: RunningService[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((service) => service.stop()));
});

type ScoreHandler = (prompt: string) => Promise<ReturnType<typeof create<typeof ScoreResponseSchema>>>;

async function startSelector(score: ScoreHandler): Promise<RunningService> {
  const service = await createServiceHost({
    services: [SelectorService],
    routes: (router) => {
      router.service(SelectorService, { score: (request) => score(request.messages[0]?.content ?? ""), feedback: () => ({}) });
    },
    logger,
    metrics: createServiceMetrics("test"),
    readinessChecks: [],
    readinessIntervalMs: 60_000,
    shutdownGraceMs: 200,
  }).start({ host: "127.0.0.1", port: 0, metricsPort: -1 });
  started.push(service);
  return service;
}

/** A backend's gRPC client of a front service that passes every call on to a peer and rethrows what the peer refuses. */
async function frontOfRefusingPeer(): Promise<Client<typeof SelectorService>> {
  const peer = await startSelector(() => {
    throw new ConnectError("over budget", Code.ResourceExhausted, undefined, [
      { desc: ScoreResponseSchema, value: create(ScoreResponseSchema, { taskType: "which budget" }) },
    ]);
  });
  const peerClient = createPeerClient(SelectorService, peer.url);
  const front = await startSelector((prompt) => peerClient.score({ messages: [{ role: "user", content: prompt }] }));
  return createClient(SelectorService, createGrpcTransport({ baseUrl: front.url }));
}

describe("errors from a peer, rethrown to a gRPC caller", () => {
  it("arrive with the peer's code, message and details, not as a reset stream", async () => {
    const backend = await frontOfRefusingPeer();
    const error = await backend.score({ messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => ConnectError.from(caught));
    expect(error).toBeInstanceOf(ConnectError);
    expect({ code: Code[(error as ConnectError).code], message: (error as ConnectError).rawMessage }).toEqual({
      code: "ResourceExhausted",
      message: "over budget",
    });
    expect((error as ConnectError).findDetails(ScoreResponseSchema).map((detail) => detail.taskType)).toEqual(["which budget"]);
  });
});
