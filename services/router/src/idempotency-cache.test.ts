import { create } from "@bufbuild/protobuf";
import { CompleteResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import { describe, expect, it } from "vitest";
import { IdempotencyCache } from "./idempotency-cache.js";

describe("IdempotencyCache", () => {
  it("runs a keyed request once per tenant and key, until the entry expires", async () => {
    let clock = 0;
    const cache = new IdempotencyCache({ ttlMs: 1_000, maxEntries: 10, now: () => clock });
    let runs = 0;
    const compute = async () => create(CompleteResponseSchema, { answer: `run ${++runs}` });
    expect((await cache.run("acme", "k1", compute)).answer).toBe("run 1");
    expect((await cache.run("acme", "k1", compute)).answer).toBe("run 1");
    expect((await cache.run("other", "k1", compute)).answer).toBe("run 2");
    clock = 1_001;
    expect((await cache.run("acme", "k1", compute)).answer).toBe("run 3");
  });

  it("forgets failures so that a retry runs again", async () => {
    const cache = new IdempotencyCache({ ttlMs: 1_000, maxEntries: 10 });
    await expect(cache.run("acme", "k", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(cache.run("acme", "k", async () => create(CompleteResponseSchema, { answer: "ok" }))).resolves.toMatchObject({ answer: "ok" });
  });

  it("keeps at most maxEntries", async () => {
    const cache = new IdempotencyCache({ ttlMs: 60_000, maxEntries: 2 });
    let runs = 0;
    const compute = async () => create(CompleteResponseSchema, { answer: String(++runs) });
    for (const key of ["a", "b", "c"]) await cache.run("t", key, compute);
    expect((await cache.run("t", "a", compute)).answer).toBe("4");
  });
});
