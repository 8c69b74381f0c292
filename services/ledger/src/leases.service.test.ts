import { Code, ConnectError } from "@connectrpc/connect";
import type { RunningNats } from "@switchyard/stack";
import { BudgetExceededSchema, BudgetPeriod, BudgetScope } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Replica } from "./test-support/ledger-harness.js";
import { costEvent, keys, publishEvent, startReplica, startTestNats, TestClock, withKey } from "./test-support/ledger-harness.js";

let nats: RunningNats;
let first: Replica;
let second: Replica;
const clock = new TestClock();
const admin = withKey(keys.admin);
const acme = withKey(keys.acme);

beforeAll(async () => {
  nats = await startTestNats();
  first = await startReplica(nats.url, { clock });
  second = await startReplica(nats.url, { clock });
}, 30_000);
afterAll(async () => {
  await first?.stop();
  await second?.stop();
  await nats?.stop();
});

async function acmeBudget(replica: Replica = first): Promise<{ spentNanoUsd: bigint; reservedNanoUsd: bigint; remainingNanoUsd: bigint }> {
  const status = (await replica.client().getBudget({ tenant: "acme" }, admin)).budgets.find((each) => each.budgetId === "acme");
  return { spentNanoUsd: status?.spentNanoUsd ?? -1n, reservedNanoUsd: status?.reservedNanoUsd ?? -1n, remainingNanoUsd: status?.remainingNanoUsd ?? -1n };
}

const refusal = (error: unknown): ConnectError => ConnectError.from(error);
const failure = async (call: Promise<unknown>): Promise<ConnectError> => call.then(() => new ConnectError("unexpectedly answered"), refusal);

describe("budget leases across two replicas", () => {
  it("grants slices of what remains, settles events against them once, and frees them on return", async () => {
    await first.client().setBudget({ budget: { tenant: "acme", scope: BudgetScope.TENANT, limitNanoUsd: 10_000n, period: BudgetPeriod.TOTAL } }, admin);
    const one = (await first.client().acquireLease({ holderId: "router-a#1", amountNanoUsd: 6_000n, ttlSeconds: 30 }, acme)).lease!;
    const again = (await second.client().acquireLease({ holderId: "router-a#1", amountNanoUsd: 6_000n, ttlSeconds: 30 }, acme)).lease!;
    expect(again.leaseId).toBe(one.leaseId);
    expect(one).toMatchObject({ amountNanoUsd: 6_000n, remainingNanoUsd: 4_000n });
    // A second holder gets only what is left, and nothing once it is all leased.
    const two = (await second.client().acquireLease({ holderId: "router-b#1", amountNanoUsd: 6_000n, ttlSeconds: 30 }, acme)).lease!;
    expect(two).toMatchObject({ amountNanoUsd: 4_000n, remainingNanoUsd: 0n });
    const none = await first.client().acquireLease({ holderId: "router-c#1", amountNanoUsd: 1_000n, ttlSeconds: 30 }, acme).catch(refusal);
    expect(none).toMatchObject({ code: Code.ResourceExhausted });
    expect((none as ConnectError).findDetails(BudgetExceededSchema)[0]).toMatchObject({ budgetId: "acme", remainingNanoUsd: 0n });
    // Events naming a lease settle against it; a duplicate delivery changes nothing.
    await publishEvent(first.link, costEvent("lease-a-1", 1_500n, { reservationId: one.leaseId }));
    await publishEvent(first.link, costEvent("lease-a-1", 1_500n, { reservationId: one.leaseId }), "lease-a-1-again");
    await publishEvent(first.link, costEvent("lease-b-1", 500n, { reservationId: two.leaseId }));
    await expect.poll(() => acmeBudget(second), { timeout: 10_000 }).toMatchObject({ spentNanoUsd: 2_000n, reservedNanoUsd: 8_000n, remainingNanoUsd: 0n });
    // Returned with 2_000 billed of which 1_500 settled: 500 stays held until its event arrives.
    expect((await second.client().returnLease({ leaseId: one.leaseId, incurredCostNanoUsd: 2_000n }, acme)).returned).toBe(true);
    expect(await acmeBudget()).toMatchObject({ spentNanoUsd: 2_000n, reservedNanoUsd: 3_500n + 500n, remainingNanoUsd: 4_000n });
    await publishEvent(first.link, costEvent("lease-a-2", 500n, { reservationId: one.leaseId }));
    await expect.poll(() => acmeBudget(), { timeout: 10_000 }).toMatchObject({ spentNanoUsd: 2_500n, reservedNanoUsd: 3_500n, remainingNanoUsd: 4_000n });
    expect((await first.client().returnLease({ leaseId: one.leaseId }, acme)).returned).toBe(false);
    expect((await first.client().returnLease({ leaseId: two.leaseId, incurredCostNanoUsd: 500n }, acme)).returned).toBe(true);
    expect(await acmeBudget()).toMatchObject({ spentNanoUsd: 2_500n, reservedNanoUsd: 0n, remainingNanoUsd: 7_500n });
  });

  it("renews within what remains, never below what was billed, and refuses a gone lease with NOT_FOUND", async () => {
    await first.client().setBudget({ budget: { tenant: "acme", scope: BudgetScope.TENANT, limitNanoUsd: 12_500n, period: BudgetPeriod.TOTAL } }, admin);
    const lease = (await first.client().acquireLease({ holderId: "router-a#2", amountNanoUsd: 2_000n, ttlSeconds: 30 }, acme)).lease!;
    const grown = (await second.client().renewLease({ leaseId: lease.leaseId, amountNanoUsd: 50_000n, ttlSeconds: 30 }, acme)).lease!;
    expect(grown).toMatchObject({ amountNanoUsd: 10_000n, remainingNanoUsd: 0n });
    const shrunk = (await first.client().renewLease({ leaseId: lease.leaseId, amountNanoUsd: 1_000n, incurredCostNanoUsd: 3_000n, ttlSeconds: 30 }, acme))
      .lease!;
    expect(shrunk).toMatchObject({ amountNanoUsd: 3_000n, remainingNanoUsd: 7_000n });
    await first.client().returnLease({ leaseId: lease.leaseId }, acme);
    const gone = await second.client().renewLease({ leaseId: lease.leaseId, amountNanoUsd: 1_000n }, acme).catch(refusal);
    expect(gone).toMatchObject({ code: Code.NotFound });
  });

  it("frees the lease of a holder that died at its TTL; its events count as spend once, before and after", async () => {
    await first.client().setBudget({ budget: { tenant: "acme", scope: BudgetScope.TENANT, limitNanoUsd: 20_000n, period: BudgetPeriod.TOTAL } }, admin);
    const before = await acmeBudget();
    const lease = (await first.client().acquireLease({ holderId: "router-dead#1", amountNanoUsd: 5_000n, ttlSeconds: 20 }, acme)).lease!;
    await publishEvent(first.link, costEvent("dead-1", 700n, { reservationId: lease.leaseId }));
    await expect.poll(() => acmeBudget(), { timeout: 10_000 }).toMatchObject({ spentNanoUsd: before.spentNanoUsd + 700n, reservedNanoUsd: 4_300n });
    clock.now = clock.now + 21_000;
    expect(await acmeBudget(second)).toMatchObject({ spentNanoUsd: before.spentNanoUsd + 700n, reservedNanoUsd: 0n });
    await publishEvent(second.link, costEvent("dead-2", 300n, { reservationId: lease.leaseId }));
    await expect.poll(() => acmeBudget(), { timeout: 10_000 }).toMatchObject({ spentNanoUsd: before.spentNanoUsd + 1_000n, reservedNanoUsd: 0n });
    const renewed = await first.client().renewLease({ leaseId: lease.leaseId, amountNanoUsd: 5_000n }, acme).catch(refusal);
    expect(renewed).toMatchObject({ code: Code.NotFound });
  });

  it("names the field of a bad lease request", async () => {
    const noHolder = await failure(first.client().acquireLease({ amountNanoUsd: 1n }, acme));
    expect(noHolder).toMatchObject({ code: Code.InvalidArgument });
    expect(noHolder.rawMessage).toMatch(/holder_id/);
    const negative = await failure(first.client().acquireLease({ holderId: "x", amountNanoUsd: -1n }, acme));
    expect(negative.rawMessage).toMatch(/amount_nano_usd/);
    const badId = await failure(first.client().renewLease({ leaseId: "lease-1" }, acme));
    expect(badId).toMatchObject({ code: Code.InvalidArgument });
    expect(badId.rawMessage).toMatch(/lease_id/);
  });
});
