import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { createAttemptTimer } from "./attempt-timer.js";
import { createCallDeadline } from "./call-deadline.js";

describe("createAttemptTimer", () => {
  it("aborts when its time passes without a re-arm, and says it was the timer", async () => {
    const timer = createAttemptTimer(new AbortController().signal, 20);
    await sleep(200);
    expect([timer.signal.aborted, timer.timedOut]).toEqual([true, true]);
  });

  it("is kept alive by re-arming, and follows the call's signal without claiming the timeout", async () => {
    const call = new AbortController();
    const timer = createAttemptTimer(call.signal, 150);
    for (let index = 0; index < 4; index += 1) {
      await sleep(50);
      timer.rearm(150);
    }
    expect(timer.signal.aborted).toBe(false);
    call.abort();
    expect([timer.signal.aborted, timer.timedOut]).toEqual([true, false]);
    timer.dispose();
  });
});

describe("createCallDeadline", () => {
  it("tells a caller's cancellation from the deadline", async () => {
    const caller = new AbortController();
    const cancelled = createCallDeadline(caller.signal, undefined, 60_000);
    caller.abort();
    expect([cancelled.signal.aborted, cancelled.stopReason]).toEqual([true, "cancelled"]);
    const expiring = createCallDeadline(new AbortController().signal, 10, 60_000);
    await sleep(200);
    expect([expiring.signal.aborted, expiring.stopReason, expiring.remainingMs()]).toEqual([true, "deadline", 0]);
    cancelled.dispose();
    expiring.dispose();
  });

  it("counts a cancellation that lands just before the deadline, or names it, as the deadline", () => {
    const early = new AbortController();
    const justBefore = createCallDeadline(early.signal, 15, 60_000);
    early.abort();
    const named = new AbortController();
    const byReason = createCallDeadline(named.signal, 60_000, 60_000);
    named.abort(new ConnectError("the deadline passed", Code.DeadlineExceeded));
    const plain = new AbortController();
    const longBefore = createCallDeadline(plain.signal, 60_000, 60_000);
    plain.abort(new ConnectError("cancelled by the client", Code.Canceled));
    expect([justBefore.stopReason, byReason.stopReason, longBefore.stopReason]).toEqual(["deadline", "deadline", "cancelled"]);
    for (const deadline of [justBefore, byReason, longBefore]) deadline.dispose();
  });
});
