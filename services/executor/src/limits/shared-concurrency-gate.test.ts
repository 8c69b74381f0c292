import { createLogger } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import type { KeyValueStore } from "../coordination/key-value-store.js";
import { createMemoryKeyValueStore } from "../coordination/memory-key-value-store.js";
import type { ConcurrencyGate, GateEntry } from "./concurrency-gate.js";
import { createSharedConcurrencyGate } from "./shared-concurrency-gate.js";

const logger = createLogger({ service: "test", level: "silent" });
const signal = new AbortController().signal;

/** Replicas of one deployment over one store, on a clock the test moves. */
function replicas(maxConcurrency: number, maxQueue = 0, stores?: readonly KeyValueStore[]) {
  const clock = { now: 1_000_000 };
  const shared = createMemoryKeyValueStore();
  const gate = (instance: string, store: KeyValueStore = shared): ConcurrencyGate =>
    createSharedConcurrencyGate({ model: "m", instance, maxConcurrency, maxQueue, store, nowMs: () => clock.now, logger, leaseTtlMs: 5_000, pollMs: 5 });
  return { clock, shared, a: gate("a", stores?.[0]), b: gate("b", stores?.[1]) };
}

async function enterAll(gate: ConcurrencyGate, count: number): Promise<GateEntry[]> {
  return Promise.all(Array.from({ length: count }, async () => gate.enter(signal)));
}

const admitted = (entries: readonly GateEntry[]) => entries.filter((entry) => "release" in entry);
const release = (entry: GateEntry | undefined) => (entry && "release" in entry ? entry.release() : undefined);

/** A store that stops answering once `kill` is called, like a replica gone with -9. */
function killable(store: KeyValueStore): KeyValueStore & { kill(): void } {
  let dead = false;
  const alive = () => {
    if (dead) throw new Error("killed");
  };
  return {
    kill: () => void (dead = true),
    get: async (key) => (alive(), store.get(key)),
    compareAndSet: async (key, value, revision) => (alive(), store.compareAndSet(key, value, revision)),
    watch: (prefix, onChange) => store.watch(prefix, onChange),
  };
}

/** Counts compare-and-set writes. */
function counting(store: KeyValueStore): KeyValueStore & { readonly writes: number } {
  let writes = 0;
  return {
    get writes() {
      return writes;
    },
    get: (key) => store.get(key),
    compareAndSet: (key, value, revision) => (writes++, store.compareAndSet(key, value, revision)),
    watch: (prefix, onChange) => store.watch(prefix, onChange),
  };
}

describe("createSharedConcurrencyGate", () => {
  it("two replicas together admit the cap, not twice it", async () => {
    const { a, b } = replicas(3);
    const entries = [...(await enterAll(a, 4)), ...(await enterAll(b, 4))];
    expect(admitted(entries)).toHaveLength(3);
    expect(entries.filter((entry) => "refused" in entry && entry.refused === "queue_full")).toHaveLength(5);
    expect(a.inFlight + b.inFlight).toBe(3);
  });

  it("a slot one replica frees goes back to the record for the other", async () => {
    const { a, b } = replicas(2);
    const [first, second] = await enterAll(a, 2);
    expect("refused" in (await b.enter(signal))).toBe(true);
    release(first);
    await expect.poll(async () => "release" in (await b.enter(signal))).toBe(true);
    release(second);
  });

  it("a queued call gets the slot another replica frees, and never more than the cap run", async () => {
    const { a, b } = replicas(2, 4);
    const held = admitted(await enterAll(a, 2));
    const caller = new AbortController();
    const waiting = Promise.all(Array.from({ length: 3 }, async () => b.enter(caller.signal)));
    await expect.poll(() => b.queued).toBe(3);
    held.forEach(release);
    // Two slots came free: two of b's three queued calls run, the third still waits.
    await expect.poll(() => b.inFlight).toBe(2);
    expect(b.queued).toBe(1);
    expect(a.inFlight).toBe(0);
    caller.abort();
    expect((await waiting).map((entry) => ("refused" in entry ? entry.refused : "slot"))).toEqual(["slot", "slot", "aborted"]);
  });

  it("while both replicas have callers waiting, one queue does not keep every slot", async () => {
    const { a, b } = replicas(2, 10);
    const caller = new AbortController();
    const granted: GateEntry[] = admitted(await enterAll(a, 2));
    for (let index = 0; index < 4; index += 1) void Promise.resolve(a.enter(caller.signal)).then((entry) => granted.push(entry));
    const bWaiting = Array.from({ length: 4 }, async () => b.enter(caller.signal));
    await expect.poll(() => a.queued + b.queued).toBe(8);
    // A's calls end one by one; B must get a slot while A still has callers queued.
    for (let ended = 0; b.inFlight === 0 && ended < 6; ended += 1) {
      await expect.poll(() => granted.length).toBeGreaterThan(0);
      release(granted.shift());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(b.inFlight).toBeGreaterThan(0);
    expect(a.queued).toBeGreaterThan(0);
    expect(a.inFlight + b.inFlight).toBeLessThanOrEqual(2);
    caller.abort();
    await Promise.all(bWaiting);
  });

  it("the slots of a replica that stopped answering come back once its holding expires", async () => {
    const shared = createMemoryKeyValueStore();
    const crashing = killable(shared);
    const { clock, a, b } = replicas(2, 0, [crashing, shared]);
    expect(admitted(await enterAll(a, 2))).toHaveLength(2);
    crashing.kill();
    expect("refused" in (await b.enter(signal))).toBe(true);
    clock.now += 5_001;
    expect(admitted(await enterAll(b, 3))).toHaveLength(2);
  });

  it("a large cap is leased: most calls enter with no store write, and the replicas together stay within the cap", async () => {
    const shared = counting(createMemoryKeyValueStore());
    const { a, b } = replicas(40, 0, [shared, shared]);
    const entries = [...(await enterAll(a, 30)), ...(await enterAll(b, 30))];
    expect(a.inFlight + b.inFlight).toBe(admitted(entries).length);
    expect(admitted(entries).length).toBeLessThanOrEqual(40);
    // A replica parks at most two chunks of 5% (2 slots each) as spare.
    expect(admitted(entries).length).toBeGreaterThanOrEqual(40 - 2 * 2 * 2);
    expect(shared.writes).toBeLessThan(30);
  });

  it("close gives the spare slots back", async () => {
    const { a, b } = replicas(2);
    release((await enterAll(a, 1))[0]);
    await a.close();
    expect(admitted(await enterAll(b, 2))).toHaveLength(2);
  });
});
