import { createLogger } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import type { KeyValueStore } from "../coordination/key-value-store.js";
import { createMemoryKeyValueStore } from "../coordination/memory-key-value-store.js";
import { createSharedRateLimiter } from "./shared-rate-limiter.js";

const logger = createLogger({ service: "limiter-test", level: "silent" });

function limiters(store: KeyValueStore, limits: { requestsPerMinute?: number; tokensPerMinute?: number }) {
  const clock = { now: 0 };
  const make = () => createSharedRateLimiter({ model: "m", limits, store, nowMs: () => clock.now, logger });
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
});
