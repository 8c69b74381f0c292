import { Code, ConnectError } from "@connectrpc/connect";
import { BudgetPeriod, BudgetScope } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { BudgetAlert } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { RunningNats } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Replica } from "./test-support/ledger-harness.js";
import { costEvent, keys, publishEvent, startReplica, startTestNats, TestClock, withKey } from "./test-support/ledger-harness.js";

let nats: RunningNats;
let ledger: Replica;
const clock = new TestClock(Date.parse("2026-06-10T21:50:00Z"));
const admin = withKey(keys.admin);
const acme = withKey(keys.acme);

const failure = (promise: Promise<unknown>): Promise<ConnectError> =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => ConnectError.from(error),
  );

beforeAll(async () => {
  nats = await startTestNats();
  ledger = await startReplica(nats.url, {
    clock,
    timeZone: "Europe/Paris",
    budgets: [{ tenant: "globex", scope: "tenant", limitUsd: 5_000_000_000n, period: "monthly", alertThresholds: [0.5, 1] }],
  });
}, 30_000);
afterAll(async () => {
  await ledger?.stop();
  await nats?.stop();
});

const tenantBudget = (fields: Record<string, unknown> = {}) => ({
  budget: { tenant: "acme", scope: BudgetScope.TENANT, limitNanoUsd: 1_000_000n, period: BudgetPeriod.DAILY, alertThresholds: [0.5, 0.8, 1], ...fields },
});

describe("budgets through SetBudget and GetBudget", () => {
  it("seeds configured budgets and lets an admin set more", async () => {
    const seeded = await ledger.client().getBudget({ tenant: "globex" }, admin);
    expect(seeded.budgets.map((status) => [status.budgetId, status.budget?.limitNanoUsd])).toEqual([["globex", 5_000_000_000n]]);
    const set = await ledger.client().setBudget(tenantBudget(), admin);
    expect(set.budget).toMatchObject({ budgetId: "acme", spentNanoUsd: 0n, remainingNanoUsd: 1_000_000n });
    expect(set.budget?.resetsAt?.seconds).toBe(BigInt(Date.parse("2026-06-10T22:00:00Z") / 1_000));
    await ledger
      .client()
      .setBudget({ budget: { tenant: "acme", scope: BudgetScope.API_KEY, scopeId: "key-2", limitNanoUsd: 10n, period: BudgetPeriod.TOTAL } }, admin);
    const mine = await ledger.client().getBudget({}, acme);
    expect(mine.budgets.map((status) => status.budgetId)).toEqual(["acme", "acme/key/key-2"]);
  });

  it.each([
    ["a negative limit", tenantBudget({ limitNanoUsd: -1n }), /limit_nano_usd: must not be negative/],
    ["an unknown period", tenantBudget({ period: 9 }), /period: unknown period 9/],
    ["no period", tenantBudget({ period: BudgetPeriod.UNSPECIFIED }), /period: unknown period 0/],
    ["an unknown tenant", tenantBudget({ tenant: "initech" }), /tenant: unknown tenant "initech"/],
    ["an unknown API key", tenantBudget({ scope: BudgetScope.API_KEY, scopeId: "nope" }), /has no API key "nope"/],
    ["a bad time zone", tenantBudget({ timeZone: "Mars/Olympus" }), /not an IANA time zone/],
    ["a threshold of zero", tenantBudget({ alertThresholds: [0] }), /alert_thresholds: 0/],
  ])("refuses %s with INVALID_ARGUMENT", async (_name, request, message) => {
    const error = await failure(ledger.client().setBudget(request, admin));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toMatch(message);
  });

  it("keeps tenants apart: only an admin sees or changes other tenants", async () => {
    expect((await failure(ledger.client().getBudget({ tenant: "globex" }, acme))).code).toBe(Code.PermissionDenied);
    expect((await failure(ledger.client().setBudget(tenantBudget(), acme))).code).toBe(Code.PermissionDenied);
    expect((await failure(ledger.client().report({ tenant: "globex" }, acme))).code).toBe(Code.PermissionDenied);
    expect((await failure(ledger.client().getBudget({}, withKey("sk-wrong")))).code).toBe(Code.Unauthenticated);
    expect((await failure(ledger.client().getBudget({}))).code).toBe(Code.Unauthenticated);
    const all = await ledger.client().getBudget({}, admin);
    expect(all.budgets.map((status) => status.budgetId)).toEqual(expect.arrayContaining(["acme", "globex"]));
    const asGlobex = await ledger.client().getBudget({}, withKey(keys.globex));
    expect(asGlobex.budgets.map((status) => status.budgetId)).toEqual(["globex"]);
  });

  it("fires each threshold once per period, streams alerts, and resets at midnight in the zone", async () => {
    const received: BudgetAlert[] = [];
    const watching = new AbortController();
    const watch = (async () => {
      for await (const response of ledger.client().watchAlerts({}, { ...acme, signal: watching.signal })) if (response.alert) received.push(response.alert);
    })().catch(() => undefined);
    const subscription = ledger.link.connection.subscribe("switchyard.alert.v1.acme");
    const published: string[] = [];
    void (async () => {
      for await (const message of subscription) published.push(message.subject);
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const at = { occurredAt: { seconds: BigInt(Math.floor(clock.now / 1_000)), nanos: 0 } };
    for (const [id, cost] of [
      ["al-1", 600_000n],
      ["al-2", 100_000n],
      ["al-3", 200_000n],
      ["al-4", 50_000n],
    ] as const) {
      await publishEvent(ledger.link, costEvent(id, cost, at));
    }
    await publishEvent(ledger.link, costEvent("al-2", 100_000n, at), "al-2-republished");
    await expect.poll(() => received.map((alert) => alert.threshold), { timeout: 10_000 }).toEqual([0.5, 0.8]);
    await expect.poll(async () => (await ledger.client().getBudget({}, acme)).budgets[0]?.spentNanoUsd, { timeout: 10_000 }).toBe(950_000n);
    clock.now = Date.parse("2026-06-10T22:00:30Z");
    const fresh = (await ledger.client().getBudget({}, acme)).budgets[0];
    expect(fresh).toMatchObject({ spentNanoUsd: 0n, remainingNanoUsd: 1_000_000n });
    expect(fresh?.periodStart?.seconds).toBe(BigInt(Date.parse("2026-06-10T22:00:00Z") / 1_000));
    await publishEvent(ledger.link, costEvent("al-5", 1_000_000n, { occurredAt: { seconds: BigInt(Math.floor(clock.now / 1_000)), nanos: 0 } }));
    await expect.poll(() => received.map((alert) => alert.threshold), { timeout: 10_000 }).toEqual([0.5, 0.8, 0.5, 0.8, 1]);
    expect(published).toHaveLength(5);
    expect(new Set(received.map((alert) => alert.alertId)).size).toBe(5);
    watching.abort();
    await watch;
    subscription.unsubscribe();
  });
});
