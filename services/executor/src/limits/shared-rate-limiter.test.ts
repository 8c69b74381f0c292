import { createLogger } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import type { KeyValueStore } from "../coordination/key-value-store.js";
import { createMemoryKeyValueStore } from "../coordination/memory-key-value-store.js";
import { createSharedRateLimiter } from "./shared-rate-limiter.js";

const logger = createLogger({ service: "limiter-test", level: "silent" });

function limiters(store: KeyValueStore, limits: { requestsPerMinute?: number; tokensPerMinute?: number }, leaseIdleMs?: number) {
  const clock = { now: 0 };
  const make = () =>
    createSharedRateLimiter({ model: "m", limits, store, nowMs: () => clock.now, logger, ...(leaseIdleMs !== undefined ? { leaseIdleMs } : {}) });
  return { clock, a: make(), b: make() };
}

describe("createSharedRateLimiter", () => {
  it("shares one request bucket between limiters on one store, and says when the next request fits", async () => {
    const { clock, a, b } = limiters(createMemoryKeyValueStore(), { requestsPerMinute: 2 });
    expect((await a.acquire(0)).allowed).toBe(true);
    expect((await b.acquire(0)).allowed).toBe(true);
    expect(await a.acquire(0)).toEqual({ allowed: false, retryAfterMs: 30_000, limit: "requests" });
    clock.now = 30_000;
    expect((await b.acquire(0)).allowed).toBe(true);
    expect(await a.remaining()).toEqual({ requests: 0, tokens: 0 });
  });

  it("reserves tokens before a call and settles to the real usage after it (refund or debt)", async () => {
    const { a, b } = limiters(createMemoryKeyValueStore(), { tokensPerMinute: 1_000 });
    expect(await a.acquire(600)).toEqual({ allowed: true, tokensTaken: 600 });
    expect(await b.acquire(600)).toMatchObject({ allowed: false, limit: "tokens" });
    await a.settle(600, 100);
    expect((await b.remaining()).tokens).toBe(900);
    await b.settle(0, 1_500);
    // 900 - 1500 = -600: the next token is 601 tokens away at 1000 a minute.
    expect(await a.acquire(1)).toEqual({ allowed: false, retryAfterMs: 36_060, limit: "tokens" });
  });

  it("falls back to a bucket of its own when the store fails, and keeps limiting", async () => {
    const failing: KeyValueStore = {
      get: () => Promise.reject(new Error("nats down")),
      compareAndSet: () => Promise.reject(new Error("nats down")),
      watch: () => Promise.resolve(() => {}),
    };
    const { a } = limiters(failing, { requestsPerMinute: 1 });
    expect((await a.acquire(0)).allowed).toBe(true);
    expect((await a.acquire(0)).allowed).toBe(false);
  });

  it("when the store goes away, limits on its own from the bucket as it last saw it, not from a fresh one", async () => {
    const inner = createMemoryKeyValueStore();
    let down = false;
    const store: KeyValueStore = {
      get: (key) => (down ? Promise.reject(new Error("nats down")) : inner.get(key)),
      compareAndSet: (key, value, revision) => (down ? Promise.reject(new Error("nats down")) : inner.compareAndSet(key, value, revision)),
      watch: (prefix, onChange) => inner.watch(prefix, onChange),
    };
    const { a } = limiters(store, { tokensPerMinute: 1_000 });
    expect((await a.acquire(900)).allowed).toBe(true);
    down = true;
    // 100 tokens were left when the store went away: those, and no more.
    expect(await a.acquire(500)).toMatchObject({ allowed: false, limit: "tokens" });
    expect(await a.acquire(100)).toEqual({ allowed: true, tokensTaken: 100 });
    expect(await a.acquire(1)).toMatchObject({ allowed: false, limit: "tokens" });
  });

  it("leases a large limit: two limiters admit at most the one bucket, with a store write per lease rather than per call", async () => {
    const store = countingStore(createMemoryKeyValueStore());
    const { a, b } = limiters(store, { requestsPerMinute: 1_000 });
    let admitted = 0;
    for (let index = 0; index < 1_500; index += 1) if ((await (index % 2 === 0 ? a : b).acquire(0)).allowed) admitted += 1;
    expect(admitted).toBeLessThanOrEqual(1_000);
    // What the leases may leave parked: 1.5 chunks (of 5% of the limit) per limiter.
    expect(admitted).toBeGreaterThanOrEqual(1_000 - 2 * 75);
    // Leased while the bucket had room; exact, one write per call, for its last 4 chunks.
    expect(store.writes).toBeLessThan(1_000 / 3);
  });

  it("never admits more than the bucket when calls race on both limiters", async () => {
    const { a, b } = limiters(createMemoryKeyValueStore(), { requestsPerMinute: 1_000, tokensPerMinute: 100_000 });
    const decisions = await Promise.all(Array.from({ length: 1_500 }, (_, index) => (index % 2 === 0 ? a : b).acquire(50)));
    const admitted = decisions.filter((decision) => decision.allowed).length;
    expect(admitted).toBeLessThanOrEqual(1_000);
    expect(admitted).toBeGreaterThan(0);
  });

  it("keeps a refund in the lease, and gives the lease back on close", async () => {
    const { a, b } = limiters(createMemoryKeyValueStore(), { tokensPerMinute: 100_000 });
    expect(await a.acquire(1_000)).toEqual({ allowed: true, tokensTaken: 1_000 });
    await a.settle(1_000, 200);
    // What a may still admit: the shared bucket plus its own lease.
    expect((await a.remaining()).tokens).toBe(100_000 - 200);
    expect((await b.remaining()).tokens).toBeLessThan(100_000 - 200);
    await a.close();
    expect((await b.remaining()).tokens).toBe(100_000 - 200);
  });

  it("gives a lease back once it has gone unused for the idle time", async () => {
    const { clock, a, b } = limiters(createMemoryKeyValueStore(), { requestsPerMinute: 1_000 }, 1_000);
    expect((await a.acquire(0)).allowed).toBe(true);
    expect((await b.remaining()).requests).toBeLessThan(999);
    clock.now = 3_000;
    // 3 s refill (50) on what is left; the lease (50) comes back only once a notices it is idle.
    await expect.poll(async () => (await b.remaining()).requests, { timeout: 5_000 }).toBe(1_000);
  });
});

/** A store that counts its compare-and-set writes. */
function countingStore(inner: KeyValueStore): KeyValueStore & { readonly writes: number } {
  let writes = 0;
  return {
    get: (key) => inner.get(key),
    compareAndSet: (key, value, revision) => {
      writes += 1;
      return inner.compareAndSet(key, value, revision);
    },
    watch: (prefix, onChange) => inner.watch(prefix, onChange),
    get writes() {
      return writes;
    },
  };
}
