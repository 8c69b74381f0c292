import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { describe, expect, it } from "vitest";
import type { BudgetDefinition } from "../budgets/budget-definition.js";
import { BudgetRefusal } from "./budget-refusal.js";
import { putBudget } from "./budget-rules.js";
import { applicableBudgetIds, budgetState } from "./budget-usage.js";
import type { RuleClock } from "./budget-usage.js";
import { acquireLease, leaseIdFor, renewLease } from "./lease-rules.js";
import { reserve } from "./reservation-rules.js";
import type { ReserveInput } from "./reservation-rules.js";
import { settle } from "./settlement-rules.js";
import { decodeAccount, emptyAccount, encodeAccount } from "./tenant-account.js";
import type { TenantAccount } from "./tenant-account.js";

const noon = Date.parse("2026-06-10T12:00:00Z");
const clock: RuleClock = { now: noon, defaultZone: "UTC" };

function budget(scope: BudgetDefinition["scope"], scopeId: string, limitNanoUsd: bigint): BudgetDefinition {
  const base = { limitTokens: undefined, period: "daily", timeZone: "", perRequestCapNanoUsd: undefined, alertThresholds: [] } as const;
  return { ...base, tenant: "acme", scope, scopeId, limitNanoUsd };
}

/** Tenant acme: $1,000 nano-USD overall, of which "code" may spend 300. */
function books(): TenantAccount {
  const account = emptyAccount("acme");
  putBudget(account, budget("tenant", "", 1_000n), undefined, clock);
  putBudget(account, budget("taskType", "code", 300n), undefined, clock);
  return account;
}

const ask = (requestId: string, amountNanoUsd: bigint, taskType: string): ReserveInput => ({
  requestId,
  apiKeyId: "",
  project: "",
  taskType,
  amountNanoUsd,
  tokens: 0n,
  ttlMs: 60_000,
});

function spend(eventId: string, costNanoUsd: bigint, taskType: string, reservationId = ""): CostEvent {
  return create(CostEventSchema, {
    eventId,
    tenant: "acme",
    requestId: `req-${eventId}`,
    taskType,
    reservationId,
    costNanoUsd,
    billed: true,
    outcome: AttemptOutcome.SUCCEEDED,
    occurredAt: timestampFromMs(noon),
  });
}

const refusalOf = (action: () => unknown): BudgetRefusal => {
  try {
    action();
  } catch (error) {
    if (BudgetRefusal.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("task-type budgets", () => {
  it("apply to requests of their task type only, beside the tenant budget", () => {
    const account = books();
    expect(applicableBudgetIds(account, { apiKeyId: "", project: "", taskType: "code" })).toEqual(["acme", "acme/task/code"]);
    expect(applicableBudgetIds(account, { apiKeyId: "", project: "", taskType: "chat" })).toEqual(["acme"]);
    expect(applicableBudgetIds(account, { apiKeyId: "", project: "", taskType: "" })).toEqual(["acme"]);
  });

  it("refuse a reservation of their task type once spent, naming the task budget; other task types go on", () => {
    const account = books();
    settle(account, spend("e1", 250n, "code"), 1, clock);
    const refusal = refusalOf(() => reserve(account, ask("r1", 100n, "code"), clock));
    expect(refusal.facts).toMatchObject({ budgetId: "acme/task/code", limitNanoUsd: 300n, remainingNanoUsd: 50n, requestedNanoUsd: 100n });
    expect(reserve(account, ask("r2", 100n, "chat"), clock).taskType).toBe("chat");
    expect(reserve(account, ask("r3", 100n, ""), clock).amountNanoUsd).toBe(100n);
    expect(budgetState(account, "acme", clock)).toMatchObject({ spentNanoUsd: 250n, heldNanoUsd: 200n, remainingNanoUsd: 550n });
    expect(budgetState(account, "acme/task/code", clock)).toMatchObject({ spentNanoUsd: 250n, heldNanoUsd: 0n, remainingNanoUsd: 50n });
  });

  it("count holds of their task type, so two reservations cannot both take the last of it", () => {
    const account = books();
    reserve(account, ask("r1", 200n, "code"), clock);
    expect(refusalOf(() => reserve(account, ask("r2", 200n, "code"), clock)).facts.budgetId).toBe("acme/task/code");
    expect(budgetState(account, "acme/task/code", clock)).toMatchObject({ heldNanoUsd: 200n, remainingNanoUsd: 100n });
  });

  it("settle a cost event against the budget of its task type once, and the tenant budget with it", () => {
    const account = books();
    const reservation = reserve(account, ask("r1", 200n, "code"), clock);
    settle(account, spend("e1", 120n, "code", reservation.id), 1, clock);
    settle(account, spend("e1", 120n, "code", reservation.id), 1, clock);
    settle(account, spend("e2", 70n, "chat"), 2, clock);
    expect(budgetState(account, "acme/task/code", clock)).toMatchObject({ spentNanoUsd: 120n, heldNanoUsd: 80n, remainingNanoUsd: 100n });
    expect(budgetState(account, "acme", clock)).toMatchObject({ spentNanoUsd: 190n, heldNanoUsd: 80n });
  });

  it("take the task type of the reservation when an event carries none", () => {
    const account = books();
    const reservation = reserve(account, ask("r1", 200n, "code"), clock);
    settle(account, spend("e1", 90n, "", reservation.id), 1, clock);
    expect(budgetState(account, "acme/task/code", clock)?.spentNanoUsd).toBe(90n);
  });

  it("limit a lease of their task type to what the task budget has left; a lease of another type gets the tenant's", () => {
    const account = books();
    settle(account, spend("e1", 100n, "code"), 1, clock);
    const lease = { holderId: "router-1#0", apiKeyId: "", project: "", amountNanoUsd: 500n, minNanoUsd: 0n, ttlMs: 30_000 };
    const code = acquireLease(account, { ...lease, taskType: "code" }, clock);
    expect(code).toMatchObject({ amountNanoUsd: 200n, taskType: "code" });
    const chat = acquireLease(account, { ...lease, taskType: "chat" }, clock);
    expect(chat.amountNanoUsd).toBe(500n);
    expect(chat.id).not.toBe(code.id);
    renewLease(account, code.id, { amountNanoUsd: 900n, incurredNanoUsd: 0n, incurredTokens: 0n, ttlMs: 30_000 }, clock);
    expect(account.reservations[code.id]?.amountNanoUsd).toBe(200n);
    expect(refusalOf(() => acquireLease(account, { ...lease, holderId: "router-2#0", taskType: "code" }, clock)).facts.budgetId).toBe("acme/task/code");
  });

  it("keep the lease id of a lease without a task type as it was before task budgets", () => {
    const key = { holderId: "router-1#0", apiKeyId: "k", project: "p" };
    expect(leaseIdFor("acme", { ...key, taskType: "" })).toBe("rsv.acme.ThKCp60XbimxIibPiqgAr0");
    expect(leaseIdFor("acme", { ...key, taskType: "code" })).not.toBe(leaseIdFor("acme", { ...key, taskType: "" }));
  });

  it("read stored reservations written before task types as having none", () => {
    const account = books();
    reserve(account, ask("r1", 100n, "code"), clock);
    const stored = JSON.parse(encodeAccount(account)) as { reservations: Record<string, Record<string, unknown>> };
    for (const reservation of Object.values(stored.reservations)) delete reservation["taskType"];
    const decoded = decodeAccount(JSON.stringify(stored));
    expect(Object.values(decoded.reservations).map((reservation) => reservation.taskType)).toEqual([""]);
    expect(decodeAccount(encodeAccount(account))).toEqual(account);
  });
});
