import { create } from "@bufbuild/protobuf";
import { AttemptOutcome, AttemptSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CompleteRequestSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import { createLogger } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import { RouteRun } from "../route-run.js";
import { answerCall } from "../strategy/planned-calls.js";
import { FakeLeaseLedger } from "../test-support/fake-lease-ledger.js";
import { createFakePeers } from "../test-support/fake-peers.js";
import type { FakePeers } from "../test-support/fake-peers.js";
import { LeaseBook } from "./lease-book.js";
import { createLeaseGate } from "./lease-gate.js";
import { ledgerReservations } from "./ledger-reservations.js";
import { OutputCalibration } from "./output-calibration.js";

const settings = { sliceNanoUsd: 1_000_000n, ttlSeconds: 30, idleMs: 60_000, callTimeoutMs: 1_000, exposureCapNanoUsd: 1_000_000_000n };
const logger = createLogger({ service: "lease-gate-test", level: "silent" });

function runOf(peers: FakePeers, maxOutputTokens = 1_000, taskType = ""): RouteRun {
  const request = create(CompleteRequestSchema, { messages: [{ role: "user", content: "hello there" }], params: { maxOutputTokens }, taskType });
  return new RouteRun(
    peers.deps,
    request,
    { tenant: "acme", apiKeyId: undefined, requestId: `req-${Math.random()}`, traceId: "t" },
    { signal: new AbortController().signal, timeoutMs: () => undefined },
    "pinned",
  );
}

async function setUp(
  limit: bigint,
): Promise<{ peers: FakePeers; ledger: FakeLeaseLedger; calibration: OutputCalibration; gate: ReturnType<typeof createLeaseGate> }> {
  const peers = await createFakePeers();
  const ledger = new FakeLeaseLedger(limit);
  const calibration = new OutputCalibration({ quantile: 0.95, floorTokens: 1, coldTokens: 1_000, minSamples: 2, window: 16 });
  const book = new LeaseBook({ ledger: ledger.client, settings, holderId: "router-test", logger });
  return { peers, ledger, calibration, gate: createLeaseGate({ book, calibration, pricing: peers.deps.pricing, exact: ledgerReservations }) };
}

describe("the lease budget gate", () => {
  it("holds a plan's calibrated cost against the lease, learns from its answers, and calls no Reserve", async () => {
    const { peers, ledger, calibration, gate } = await setUp(1_000_000_000n);
    for (let index = 0; index < 2; index += 1) calibration.observe("large", 40);
    const run = runOf(peers);
    const call = answerCall(run, "large");
    const held = await gate.hold(run, [call]);
    expect(held.calls).toEqual([call]);
    expect(run.reservationId).toBe("lease-router-test#0");
    expect(peers.reserved).toHaveLength(0);
    run.record([
      create(AttemptSchema, {
        attemptId: "a1",
        model: "large",
        outcome: AttemptOutcome.SUCCEEDED,
        billed: true,
        costNanoUsd: 500n,
        usage: { outputTokens: 900n, totalTokens: 910n },
      }),
    ]);
    await held.release();
    // The answer of 900 tokens moved the calibration: the next hold is larger than 40 tokens' worth.
    expect(calibration.holdTokens("large", 1_000)).toBe(900);
    expect(ledger.calls).toEqual(["acquire"]);
  });

  it("reserves exactly, at the calibrated cost, when the budget is near its end", async () => {
    const { peers, calibration, gate } = await setUp(0n);
    for (let index = 0; index < 2; index += 1) calibration.observe("large", 40);
    const run = runOf(peers);
    const call = answerCall(run, "large");
    const held = await gate.hold(run, [call]);
    expect(held.calls).toEqual([call]);
    expect(peers.reserved).toHaveLength(1);
    const reserved = peers.reserved[0]!.estimatedMaxCostNanoUsd;
    expect(reserved).toBeLessThan(call.estimate.maxCostNanoUsd);
    expect(reserved).toBeGreaterThan(0n);
    await held.release();
    expect(peers.released).toEqual([run.reservationId]);
  });

  it("keeps one lease per task type, so a task type's budget is never spent from another's lease", async () => {
    const { peers, ledger, gate } = await setUp(1_000_000_000n);
    const code = runOf(peers, 1_000, "code");
    const chat = runOf(peers, 1_000, "chat");
    const held = [await gate.hold(code, [answerCall(code, "large")]), await gate.hold(chat, [answerCall(chat, "large")])];
    expect(ledger.acquired.map((request) => request.taskType)).toEqual(["code", "chat"]);
    expect([code.reservationId, chat.reservationId]).toEqual(["lease-router-test#0/code", "lease-router-test#0/chat"]);
    for (const each of held) await each.release();
  });

  it("reserves exactly with the request's task type near the end of a budget", async () => {
    const { peers, gate } = await setUp(0n);
    const run = runOf(peers, 1_000, "code");
    const held = await gate.hold(run, [answerCall(run, "large")]);
    expect(peers.reserved.map((request) => request.taskType)).toEqual(["code"]);
    await held.release();
  });
});
