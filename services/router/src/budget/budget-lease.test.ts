import { createLogger } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import { BudgetLease } from "./budget-lease.js";
import { LeaseBook } from "./lease-book.js";
import type { LeaseSettings } from "./lease-settings.js";
import { FakeLeaseLedger } from "../test-support/fake-lease-ledger.js";

const settings: LeaseSettings = { sliceNanoUsd: 1_000n, ttlSeconds: 30, idleMs: 5_000, callTimeoutMs: 1_000, exposureCapNanoUsd: 10_000n };
const logger = createLogger({ service: "lease-test", level: "silent" });

function holder(ledger: FakeLeaseLedger, clock = { now: 1_000_000 }): BudgetLease {
  return new BudgetLease({
    key: { tenant: "acme", apiKeyId: "k1", project: "", taskType: "" },
    ledger: ledger.client,
    settings,
    holderId: "router-1",
    logger,
    now: () => clock.now,
  });
}

describe("BudgetLease", () => {
  it("admits concurrent requests locally under one acquired lease", async () => {
    const ledger = new FakeLeaseLedger(1_000_000n);
    const lease = holder(ledger);
    const tickets = await Promise.all(Array.from({ length: 20 }, () => lease.admit({ holdNanoUsd: 100n, worstNanoUsd: 400n })));
    expect(tickets.every((ticket) => ticket?.leaseId === "lease-router-1#0")).toBe(true);
    expect(ledger.calls.filter((call) => call === "acquire")).toHaveLength(1);
    for (const ticket of tickets) ticket?.finish(60n, 10n);
    await lease.giveBack();
    expect(ledger.returned[0]).toMatchObject({ leaseId: "lease-router-1#0", incurredCostNanoUsd: 1_200n, incurredTokens: 200n });
    expect(ledger.remaining).toBe(1_000_000n - 1_200n);
  });

  it("grows the lease ahead of need, before it runs out", async () => {
    const ledger = new FakeLeaseLedger(1_000_000n);
    const lease = holder(ledger);
    const first = await lease.admit({ holdNanoUsd: 900n, worstNanoUsd: 900n });
    expect(first).toBeDefined();
    // The lease was sized slice + twice the demand: 2_800; 1_900 left, no renew needed yet.
    expect(ledger.leases.get("lease-router-1#0")).toBe(2_800n);
    await lease.admit({ holdNanoUsd: 1_700n, worstNanoUsd: 1_700n });
    // 200 left (< a quarter of a slice): a renew went out in the background.
    await expect.poll(() => ledger.calls).toContain("renew");
    expect(ledger.leases.get("lease-router-1#0")).toBeGreaterThan(2_800n);
    expect(ledger.calls.filter((call) => call === "acquire")).toHaveLength(1);
  });

  it("falls back to exact reservations near the end of the budget, giving back what is not in use", async () => {
    const ledger = new FakeLeaseLedger(10_000n);
    const lease = holder(ledger);
    // Worst case 6_000: the first fits everything that remains, the second could pass the budget.
    expect(await lease.admit({ holdNanoUsd: 200n, worstNanoUsd: 6_000n })).toBeDefined();
    expect(await lease.admit({ holdNanoUsd: 200n, worstNanoUsd: 6_000n })).toBeUndefined();
    expect(ledger.leases.get("lease-router-1#0")).toBe(200n);
    expect(ledger.remaining).toBe(9_800n);
  });

  it("keeps admitting within the lease while the ledger is down, then says reserve exactly", async () => {
    const ledger = new FakeLeaseLedger(1_000_000n);
    const clock = { now: 1_000_000 };
    const lease = holder(ledger, clock);
    expect(await lease.admit({ holdNanoUsd: 100n, worstNanoUsd: 100n })).toBeDefined();
    const size = ledger.leases.get("lease-router-1#0")!;
    ledger.down = true;
    let admitted = 1;
    while (await lease.admit({ holdNanoUsd: 100n, worstNanoUsd: 100n })) admitted += 1;
    expect(BigInt(admitted) * 100n).toBe(size);
    // A lease past its deadline is never spent, even with room.
    ledger.down = false;
    const fresh = holder(ledger, clock);
    expect(await fresh.admit({ holdNanoUsd: 100n, worstNanoUsd: 100n })).toBeDefined();
    ledger.down = true;
    clock.now += 29_000;
    expect(await fresh.admit({ holdNanoUsd: 100n, worstNanoUsd: 100n })).toBeUndefined();
  });

  it("starts a new lease generation when the ledger says the lease is gone", async () => {
    const ledger = new FakeLeaseLedger(1_000_000n);
    const lease = holder(ledger);
    expect((await lease.admit({ holdNanoUsd: 100n, worstNanoUsd: 100n }))?.leaseId).toBe("lease-router-1#0");
    ledger.leases.clear();
    // Out of room: the renew finds the lease gone, the next round acquires generation 1.
    const ticket = await lease.admit({ holdNanoUsd: 5_000n, worstNanoUsd: 5_000n });
    expect(ticket?.leaseId).toBe("lease-router-1#1");
  });

  it("reports idle only with nothing in flight for the idle time", async () => {
    const ledger = new FakeLeaseLedger(1_000_000n);
    const clock = { now: 1_000_000 };
    const lease = holder(ledger, clock);
    const ticket = await lease.admit({ holdNanoUsd: 100n, worstNanoUsd: 100n });
    clock.now += 10_000;
    expect(lease.idle()).toBe(false);
    ticket?.finish(50n, 5n);
    expect(lease.idle()).toBe(false);
    clock.now += 5_000;
    expect(lease.idle()).toBe(true);
  });
});

describe("LeaseBook exposure", () => {
  it("holds the calibrated estimate while the tenant's exposure fits the cap, the worst case after", () => {
    const book = new LeaseBook({ ledger: new FakeLeaseLedger(0n).client, settings, holderId: "router-1", logger });
    const first = book.charge("acme", 1_000n, 7_000n);
    expect(first.charge).toEqual({ holdNanoUsd: 1_000n, worstNanoUsd: 7_000n });
    const second = book.charge("acme", 1_000n, 5_000n);
    expect(second.charge.holdNanoUsd).toBe(1_000n);
    // 6_000 + 4_000 exposed: a third would pass the 10_000 cap, so it holds its worst case.
    expect(book.charge("acme", 1_000n, 2_000n).charge.holdNanoUsd).toBe(2_000n);
    expect(book.charge("other", 1_000n, 2_000n).charge.holdNanoUsd).toBe(1_000n);
    first.release();
    first.release();
    expect(book.charge("acme", 1_000n, 2_000n).charge.holdNanoUsd).toBe(1_000n);
  });
});

describe("LeaseBook keys", () => {
  it("forgets keys whose leases went back idle, and keeps the ones in use", async () => {
    const clock = { now: 1_000_000 };
    const ledger = new FakeLeaseLedger(1_000_000n);
    const book = new LeaseBook({ ledger: ledger.client, settings, holderId: "router-1", logger, now: () => clock.now });
    const keyOf = (taskType: string) => ({ tenant: "acme", apiKeyId: "k1", project: "", taskType });
    const tickets = [];
    for (let index = 0; index < 100; index += 1) tickets.push(await book.lease(keyOf(`task-${index}`)).admit({ holdNanoUsd: 10n, worstNanoUsd: 10n }));
    const busy = await book.lease(keyOf("busy")).admit({ holdNanoUsd: 10n, worstNanoUsd: 10n });
    expect(book.size).toBe(101);
    for (const ticket of tickets) ticket?.finish(5n, 1n);
    clock.now += settings.idleMs;
    // Idle but still holding their leases: kept until they are given back.
    book.lease(keyOf("busy"));
    expect(book.size).toBe(101);
    await Promise.all(Array.from({ length: 100 }, (_, index) => book.lease(keyOf(`task-${index}`)).giveBack()));
    clock.now += settings.idleMs;
    book.lease(keyOf("busy"));
    expect(book.size).toBe(1);
    expect(ledger.returned).toHaveLength(100);
    busy?.finish(5n, 1n);
  });
});
