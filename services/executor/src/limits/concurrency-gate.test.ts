import { describe, expect, it } from "vitest";
import { createConcurrencyGate } from "./concurrency-gate.js";
import type { GateEntry } from "./concurrency-gate.js";

const never = new AbortController().signal;
const released = (entry: GateEntry): (() => void) => {
  if (!("release" in entry)) throw new Error(`refused: ${entry.refused}`);
  return entry.release;
};

describe("createConcurrencyGate", () => {
  it("admits up to the cap, queues in order up to the queue size, and refuses beyond", async () => {
    const gate = createConcurrencyGate(2, 1);
    const first = released(await gate.enter(never));
    released(await gate.enter(never));
    const third = gate.enter(never);
    expect(await gate.enter(never)).toEqual({ refused: "queue_full" });
    expect([gate.inFlight, gate.queued]).toEqual([2, 1]);
    first();
    const thirdRelease = released(await third);
    expect([gate.inFlight, gate.queued]).toEqual([2, 0]);
    thirdRelease();
    thirdRelease();
    expect(gate.inFlight).toBe(1);
  });

  it("drops a queued caller whose signal aborts", async () => {
    const gate = createConcurrencyGate(1, 5);
    released(await gate.enter(never));
    const controller = new AbortController();
    const waiting = gate.enter(controller.signal);
    controller.abort();
    expect(await waiting).toEqual({ refused: "aborted" });
    expect(gate.queued).toBe(0);
  });
});
