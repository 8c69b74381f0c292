import { Code, ConnectError } from "@connectrpc/connect";
import type { RunningNats } from "@switchyard/stack";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { BudgetExceededSchema, BudgetPeriod, BudgetScope } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { errorDetailOf } from "@switchyard/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reservationIdFor } from "./accounts/reservation-rules.js";
import type { Replica } from "./test-support/ledger-harness.js";
import { costEvent, keys, publishEvent, startReplica, startTestNats, TestClock, withKey } from "./test-support/ledger-harness.js";

let nats: RunningNats;
let first: Replica;
let second: Replica;
const clock = new TestClock();
const admin = withKey(keys.admin);
const acme = withKey(keys.acme);
const globex = withKey(keys.globex);

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

const spentOf = async (replica: Replica, tenant: string, budgetId = tenant): Promise<bigint | undefined> =>
  (await replica.client().getBudget({ tenant }, admin)).budgets.find((status) => status.budgetId === budgetId)?.spentNanoUsd;

describe("reservations across two replicas", () => {
  it("grants at most 50 of 200 concurrent reservations against a budget for 50, and settles within one estimate's error", async () => {
    await first.client().setBudget({ budget: { tenant: "globex", scope: BudgetScope.TENANT, limitNanoUsd: 50_000n, period: BudgetPeriod.TOTAL } }, admin);
    const attempts = Array.from({ length: 200 }, (_, index) =>
      (index % 2 === 0 ? first : second)
        .client()
        .reserve({ requestId: `burst-${index}`, estimatedMaxCostNanoUsd: 1_000n }, globex)
        .then(
          (response) => ({ granted: response.reservationId }),
          (error: unknown) => ({ refused: ConnectError.from(error) }),
        ),
    );
    const outcomes = await Promise.all(attempts);
    const granted = outcomes.flatMap((outcome) => ("granted" in outcome ? [outcome.granted] : []));
    const refused = outcomes.flatMap((outcome) => ("refused" in outcome ? [outcome.refused] : []));
    expect(granted).toHaveLength(50);
    expect(refused.every((error) => error.code === Code.ResourceExhausted)).toBe(true);
    expect(refused[0]?.findDetails(BudgetExceededSchema)[0]).toMatchObject({ budgetId: "globex", remainingNanoUsd: 0n, requestedNanoUsd: 1_000n });
    expect(errorDetailOf(refused[0]!)).toMatchObject({ reason: ErrorReason.BUDGET_EXHAUSTED, budgetId: "globex" });
    // Actual costs differ from the 1_000 estimate by up to 300 nano-USD either way.
    const costs = granted.map((_, index) => 700n + BigInt((index * 37) % 601));
    const largestError = costs.reduce((largest, cost) => (cost - 1_000n > largest ? cost - 1_000n : largest), 0n);
    await Promise.all(
      granted.map((reservationId, index) => publishEvent(first.link, costEvent(`burst-event-${index}`, costs[index]!, { tenant: "globex", reservationId }))),
    );
    await Promise.all(granted.map((reservationId, index) => (index % 2 === 0 ? first : second).client().release({ reservationId }, globex)));
    const total = costs.reduce((sum, cost) => sum + cost, 0n);
    for (const replica of [first, second]) {
      await expect.poll(() => spentOf(replica, "globex"), { timeout: 15_000 }).toBe(total);
      await expect.poll(async () => (await replica.client().report({}, globex)).total?.costNanoUsd, { timeout: 15_000 }).toBe(total);
    }
    expect(largestError).toBeGreaterThan(0n);
    expect(total).toBeLessThanOrEqual(50_000n + largestError);
  }, 60_000);

  it("settles a cascade of attempts against one reservation and frees the rest on Release", async () => {
    await first.client().setBudget({ budget: { tenant: "acme", scope: BudgetScope.TENANT, limitNanoUsd: 10_000n, period: BudgetPeriod.DAILY } }, admin);
    const reserved = await first.client().reserve({ requestId: "cascade-1", estimatedMaxCostNanoUsd: 6_000n }, acme);
    const retried = await second.client().reserve({ requestId: "cascade-1", estimatedMaxCostNanoUsd: 6_000n }, acme);
    expect(retried.reservationId).toBe(reserved.reservationId);
    const refused = await second
      .client()
      .reserve({ requestId: "cascade-2", estimatedMaxCostNanoUsd: 4_001n }, acme)
      .catch((error: unknown) => ConnectError.from(error));
    expect(refused).toMatchObject({ code: Code.ResourceExhausted });
    await publishEvent(first.link, costEvent("cascade-a1", 0n, { reservationId: reserved.reservationId, billed: false, outcome: 2, requestId: "cascade-1" }));
    await publishEvent(first.link, costEvent("cascade-a2", 1_500n, { reservationId: reserved.reservationId, requestId: "cascade-1" }));
    await publishEvent(first.link, costEvent("cascade-a2", 1_500n, { reservationId: reserved.reservationId, requestId: "cascade-1" }), "cascade-a2-again");
    await expect
      .poll(async () => (await first.client().getBudget({}, acme)).budgets[0], { timeout: 10_000 })
      .toMatchObject({ spentNanoUsd: 1_500n, reservedNanoUsd: 4_500n, remainingNanoUsd: 4_000n });
    expect((await second.client().release({ requestId: "cascade-1" }, acme)).released).toBe(true);
    expect((await first.client().release({ reservationId: reserved.reservationId }, acme)).released).toBe(false);
    expect((await first.client().getBudget({}, acme)).budgets[0]).toMatchObject({ spentNanoUsd: 1_500n, reservedNanoUsd: 0n, remainingNanoUsd: 8_500n });
    await publishEvent(second.link, costEvent("cascade-late", 200n, { reservationId: reserved.reservationId, requestId: "cascade-1" }));
    await expect.poll(() => spentOf(second, "acme"), { timeout: 10_000 }).toBe(1_700n);
  });

  it("counts an event that arrives before its reservation as spend, once", async () => {
    const before = (await first.client().getBudget({}, acme)).budgets[0]!;
    const id = reservationIdFor("acme", "early-request");
    await publishEvent(first.link, costEvent("early-event", 300n, { reservationId: id, requestId: "early-request" }));
    await expect.poll(() => spentOf(first, "acme"), { timeout: 10_000 }).toBe(before.spentNanoUsd + 300n);
    const reserved = await second.client().reserve({ requestId: "early-request", estimatedMaxCostNanoUsd: 1_000n }, acme);
    expect(reserved.reservationId).toBe(id);
    expect(reserved.budgets[0]).toMatchObject({ spentNanoUsd: before.spentNanoUsd + 300n, reservedNanoUsd: before.reservedNanoUsd + 1_000n });
    await publishEvent(second.link, costEvent("early-event-2", 200n, { reservationId: id, requestId: "early-request" }));
    await expect
      .poll(async () => (await first.client().getBudget({}, acme)).budgets[0]?.reservedNanoUsd, { timeout: 10_000 })
      .toBe(before.reservedNanoUsd + 800n);
    expect((await second.client().release({ reservationId: id }, acme)).released).toBe(true);
    expect((await first.client().getBudget({}, acme)).budgets[0]).toMatchObject({
      spentNanoUsd: before.spentNanoUsd + 500n,
      reservedNanoUsd: before.reservedNanoUsd,
    });
  });

  it("releases on one replica what the other reserved, even with an older copy of the account", async () => {
    await second.client().reserve({ requestId: "warm-second-cache", estimatedMaxCostNanoUsd: 1n }, acme);
    const held = await first.client().reserve({ requestId: "cross-replica", estimatedMaxCostNanoUsd: 2_000n }, acme);
    expect((await second.client().release({ reservationId: held.reservationId }, acme)).released).toBe(true);
    expect((await second.client().release({ requestId: "warm-second-cache" }, acme)).released).toBe(true);
    expect((await first.client().getBudget({}, acme)).budgets[0]?.reservedNanoUsd).toBe(0n);
  });

  it("frees a reservation that is never released once its TTL passes", async () => {
    const held = await first.client().reserve({ requestId: "forgotten", estimatedMaxCostNanoUsd: 5_000n, ttlSeconds: 30 }, acme);
    expect(held.budgets[0]?.reservedNanoUsd).toBe(5_000n);
    const blocked = await second
      .client()
      .reserve({ requestId: "blocked", estimatedMaxCostNanoUsd: 5_000n }, acme)
      .catch((error: unknown) => ConnectError.from(error));
    expect(blocked).toMatchObject({ code: Code.ResourceExhausted });
    clock.now += 31_000;
    const later = await second.client().reserve({ requestId: "after-expiry", estimatedMaxCostNanoUsd: 5_000n }, acme);
    expect(later.budgets[0]?.reservedNanoUsd).toBe(5_000n);
    expect((await first.client().release({ reservationId: held.reservationId }, acme)).released).toBe(false);
    await first.client().release({ reservationId: later.reservationId }, acme);
  });

  it.each([
    ["a negative estimate", { requestId: "neg", estimatedMaxCostNanoUsd: -5n }, /estimated_max_cost_nano_usd: must not be negative/],
    ["an unknown API key", { requestId: "key", apiKeyId: "ghost", estimatedMaxCostNanoUsd: 5n }, /has no API key "ghost"/],
    ["a TTL over the maximum", { requestId: "ttl", ttlSeconds: 601, estimatedMaxCostNanoUsd: 5n }, /ttl_seconds: at most 600/],
    ["a malformed project", { requestId: "proj", project: "a b", estimatedMaxCostNanoUsd: 5n }, /project:/],
  ])("refuses %s with INVALID_ARGUMENT", async (_name, request, message) => {
    const error = await first
      .client()
      .reserve(request, { headers: { "x-switchyard-tenant": "acme" } })
      .catch((caught: unknown) => ConnectError.from(caught));
    expect(error).toMatchObject({ code: Code.InvalidArgument });
    expect((error as ConnectError).rawMessage).toMatch(message);
  });

  it("refuses a release of another tenant's reservation and a malformed id", async () => {
    const held = await first.client().reserve({ requestId: "mine", estimatedMaxCostNanoUsd: 1n }, acme);
    expect(
      await first
        .client()
        .release({ reservationId: held.reservationId }, globex)
        .catch((error: unknown) => ConnectError.from(error)),
    ).toMatchObject({ code: Code.PermissionDenied });
    expect(
      await first
        .client()
        .release({ reservationId: "nonsense" }, acme)
        .catch((error: unknown) => ConnectError.from(error)),
    ).toMatchObject({ code: Code.InvalidArgument });
  });
});
