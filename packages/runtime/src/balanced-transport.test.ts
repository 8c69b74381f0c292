import { setTimeout as sleep } from "node:timers/promises";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ScoreResponseSchema, SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { afterEach, describe, expect, it } from "vitest";
import { isUndeliveredError } from "./balanced-transport.js";
import { createLogger } from "./logger.js";
import { createServiceMetrics } from "./metrics.js";
import { createPeerClient, peerReadinessCheck } from "./peer-client.js";
import type { RunningService } from "./service-host.js";
import { createServiceHost } from "./service-host.js";

const logger = createLogger({ service: "test", level: "silent" });
const started: RunningService[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((service) => service.stop()));
});

interface Replica {
  readonly service: RunningService;
  calls: number;
}

/**
 * A selector replica that answers with its name (after `delayMs`); a prompt "fail" gets
 * UNAVAILABLE from the handler, "wait" waits for the caller to go away.
 */
async function startReplica(name: string, ready = true, delayMs = 0): Promise<Replica> {
  const replica = { calls: 0 } as { calls: number; service: RunningService };
  replica.service = await createServiceHost({
    services: [SelectorService],
    routes: (router) => {
      router.service(SelectorService, {
        async score(request, context) {
          replica.calls += 1;
          if (request.messages[0]?.content === "fail") throw new ConnectError("provider outage", Code.Unavailable);
          const wait = request.messages[0]?.content === "wait" ? 60_000 : delayMs;
          await sleep(wait, undefined, { signal: context.signal }).catch(() => undefined);
          return create(ScoreResponseSchema, { taskType: name });
        },
        feedback: () => ({}),
      });
    },
    logger,
    metrics: createServiceMetrics("test"),
    readinessChecks: [{ name: "flag", check: () => ready }],
    readinessIntervalMs: 60_000,
    shutdownGraceMs: 200,
  }).start({ host: "127.0.0.1", port: 0, metricsPort: -1 });
  started.push(replica.service);
  return replica;
}

/** A URL where nothing listens: a replica that is down. */
async function deadUrl(): Promise<string> {
  const replica = await startReplica("dead");
  await replica.service.stop();
  started.splice(started.indexOf(replica.service), 1);
  return replica.service.url;
}

const ask = (content = "hi") => ({ messages: [{ role: "user", content }] });

describe("balanced peer transport", () => {
  it("spreads calls round-robin over every replica", async () => {
    const [a, b] = [await startReplica("a"), await startReplica("b")];
    const client = createPeerClient(SelectorService, `${a.service.url},${b.service.url}`);
    const answers = [];
    for (let call = 0; call < 6; call += 1) answers.push((await client.score(ask())).taskType);
    expect(answers).toEqual(["a", "b", "a", "b", "a", "b"]);
  });

  it("fails over from a replica that refuses connections, and every call succeeds", async () => {
    const [a, b] = [await startReplica("a"), await startReplica("b")];
    const client = createPeerClient(SelectorService, `${await deadUrl()},${a.service.url},${b.service.url}`);
    const answers = await Promise.all(Array.from({ length: 9 }, () => client.score(ask()).then((response) => response.taskType)));
    expect(answers.filter((name) => name === "a").length + answers.filter((name) => name === "b").length).toBe(9);
    expect(a.calls).toBeGreaterThan(0);
    expect(b.calls).toBeGreaterThan(0);
  });

  it("moves on when a replica shuts down gracefully under an open connection", async () => {
    const [a, b] = [await startReplica("a"), await startReplica("b")];
    const client = createPeerClient(SelectorService, `${a.service.url},${b.service.url}`);
    await client.score(ask());
    await client.score(ask());
    await a.service.stop();
    const answers = [];
    for (let call = 0; call < 4; call += 1) answers.push((await client.score(ask())).taskType);
    expect(answers).toEqual(["b", "b", "b", "b"]);
  });

  it("does not resend a call that a replica answered with an error of its own", async () => {
    const [a, b] = [await startReplica("a"), await startReplica("b")];
    const client = createPeerClient(SelectorService, `${a.service.url},${b.service.url}`);
    await expect(client.score(ask("fail"))).rejects.toMatchObject({ code: Code.Unavailable, rawMessage: "provider outage" });
    expect(a.calls + b.calls).toBe(1);
  });

  it("reports a call cut by a dying replica as UNAVAILABLE, not as a cancellation nobody asked for", async () => {
    const slow = await startReplica("slow", true, 5_000);
    const other = await startReplica("other");
    const client = createPeerClient(SelectorService, `${slow.service.url},${other.service.url}`);
    const cut = client.score(ask()).then(
      () => undefined,
      (error: unknown) => error,
    );
    await expect.poll(() => slow.calls).toBe(1);
    await slow.service.stop(); // grace period 200 ms, then in-flight calls are cut
    expect(await cut).toMatchObject({ code: Code.Unavailable });
    expect(other.calls).toBe(0);
    const controller = new AbortController();
    const cancelled = createPeerClient(SelectorService, `${other.service.url},${other.service.url}`).score(ask("wait"), { signal: controller.signal });
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: Code.Canceled });
  });

  it("reports UNAVAILABLE when no replica can be reached", async () => {
    const client = createPeerClient(SelectorService, `${await deadUrl()},${await deadUrl()}`);
    await expect(client.score(ask())).rejects.toMatchObject({ code: Code.Unavailable });
  });

  it("is ready while at least one replica is SERVING", async () => {
    const [up, down] = [await startReplica("up"), await startReplica("down", false)];
    const signal = AbortSignal.timeout(5_000);
    expect(await peerReadinessCheck("selector", `${down.service.url},${up.service.url}`).check(signal)).toBe(true);
    expect(await peerReadinessCheck("selector", `${down.service.url},${await deadUrl()}`).check(signal)).toBe(false);
  });
});

describe("isUndeliveredError", () => {
  const nodeError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

  it.each([
    [
      "a refused connection",
      new ConnectError("connect ECONNREFUSED", Code.Unavailable, undefined, undefined, nodeError("ECONNREFUSED", "connect ECONNREFUSED")),
    ],
    [
      "an unresolvable name",
      new ConnectError("getaddrinfo ENOTFOUND", Code.Unavailable, undefined, undefined, nodeError("ENOTFOUND", "getaddrinfo ENOTFOUND x")),
    ],
    ["a refused stream, as connect-node reports it", new ConnectError("http/2 stream closed with error code REFUSED_STREAM (0x7)", Code.Unavailable)],
    ["a refused stream, as Node reports it", nodeError("ERR_HTTP2_STREAM_ERROR", "Stream closed with error code NGHTTP2_REFUSED_STREAM")],
    ["a session that got GOAWAY", nodeError("ERR_HTTP2_GOAWAY_SESSION", "New streams cannot be created after receiving a GOAWAY")],
  ])("is true for %s", (_name, error) => {
    expect(isUndeliveredError(error)).toBe(true);
  });

  it.each([
    ["UNAVAILABLE returned by the peer", new ConnectError("provider outage", Code.Unavailable)],
    ["a reset connection (the call may have run)", nodeError("ECONNRESET", "read ECONNRESET")],
    ["a cancelled stream", nodeError("ERR_HTTP2_STREAM_ERROR", "Stream closed with error code NGHTTP2_CANCEL")],
    ["a deadline", new ConnectError("deadline exceeded", Code.DeadlineExceeded)],
  ])("is false for %s", (_name, error) => {
    expect(isUndeliveredError(error)).toBe(false);
  });
});
