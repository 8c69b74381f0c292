import { BreakerState } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { createLogger } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import { createMemoryKeyValueStore } from "../coordination/memory-key-value-store.js";
import { createLocalOutcomeBus } from "../coordination/outcome-bus.js";
import { createCircuitBreaker } from "./circuit-breaker.js";
import { createSharedBreakerRecords } from "./shared-breaker-records.js";

const logger = createLogger({ service: "breaker-test", level: "silent" });
const config = { windowMs: 10_000, minRequests: 4, errorRate: 0.5, cooldownMs: 1_000 };

/** Two replicas' breakers for one model over one shared store, on a clock the test moves. */
async function twoReplicas() {
  const clock = { now: 0 };
  const store = createMemoryKeyValueStore();
  const make = async (instance: string) =>
    createCircuitBreaker({
      model: "m",
      config,
      records: await createSharedBreakerRecords(store, ["m"], logger),
      outcomes: createLocalOutcomeBus(),
      instance,
      probeLeaseMs: 5_000,
      nowMs: () => clock.now,
    });
  return { clock, a: await make("a"), b: await make("b") };
}

describe("createCircuitBreaker", () => {
  it("stays closed below the minimum request count, opens at the error rate, for every replica", async () => {
    const { a, b } = await twoReplicas();
    for (const kind of ["failure", "failure", "failure", "success"] as const) await a.record({ kind }, false);
    expect(a.view().state).toBe(BreakerState.CLOSED);
    await a.record({ kind: "failure" }, false);
    expect(a.view()).toMatchObject({ state: BreakerState.OPEN, errorRate: 0.8 });
    expect(await b.admit()).toEqual({ admitted: false, retryAfterMs: 1_000, rateLimited: false });
  });

  it("lets exactly one probe through after the cooldown; its success closes the breaker", async () => {
    const { clock, a, b } = await twoReplicas();
    for (let index = 0; index < 4; index += 1) await a.record({ kind: "failure" }, false);
    clock.now = 1_000;
    expect(a.view().state).toBe(BreakerState.HALF_OPEN);
    expect(await a.admit()).toEqual({ admitted: true, probe: true });
    expect(await b.admit()).toMatchObject({ admitted: false });
    await a.record({ kind: "success" }, true);
    expect([a.view().state, b.view().state]).toEqual([BreakerState.CLOSED, BreakerState.CLOSED]);
    expect(a.view().errorRate).toBe(0);
    expect(await b.admit()).toEqual({ admitted: true, probe: false });
  });

  it("reopens on a failed probe, hands a neutral probe on, and lets another replica probe when the claim lapses", async () => {
    const { clock, a, b } = await twoReplicas();
    for (let index = 0; index < 4; index += 1) await a.record({ kind: "failure" }, false);
    clock.now = 1_000;
    await a.admit();
    await a.record({ kind: "failure" }, true);
    expect(a.view()).toMatchObject({ state: BreakerState.OPEN, openUntilMs: 2_000 });
    clock.now = 2_000;
    expect(await b.admit()).toEqual({ admitted: true, probe: true });
    await b.record({ kind: "neutral" }, true);
    expect(await a.admit()).toEqual({ admitted: true, probe: true });
    clock.now = 8_000;
    expect(await b.admit()).toEqual({ admitted: true, probe: true });
  });

  it("opens for exactly the Retry-After of a 429, marked as a rate limit", async () => {
    const { clock, a, b } = await twoReplicas();
    clock.now = 100;
    await a.record({ kind: "failure", rateLimitedForMs: 2_500 }, false);
    expect(await b.admit()).toEqual({ admitted: false, retryAfterMs: 2_500, rateLimited: true });
  });
});
