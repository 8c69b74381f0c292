import type { MessageInitShape } from "@bufbuild/protobuf";
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { describe, expect, it } from "vitest";
import type { BudgetDefinition } from "../budgets/budget-definition.js";
import { BudgetRefusal } from "./budget-refusal.js";
import { putBudget } from "./budget-rules.js";
import { budgetState } from "./budget-usage.js";
import type { RuleClock } from "./budget-usage.js";
import { pruneReservations, release, reservationIdFor, reserve } from "./reservation-rules.js";
import { settle } from "./settlement-rules.js";
import { decodeAccount, emptyAccount, encodeAccount } from "./tenant-account.js";
import type { TenantAccount } from "./tenant-account.js";

const noon = Date.parse("2026-06-10T12:00:00Z");
const clock = (now = noon): RuleClock => ({ now, defaultZone: "UTC" });

function budget(fields: Partial<BudgetDefinition> = {}): BudgetDefinition {
  return {
    tenant: "acme",
    scope: "tenant",
    scopeId: "",
    limitNanoUsd: 1_000n,
    limitTokens: undefined,
    period: "daily",
    timeZone: "",
    perRequestCapNanoUsd: undefined,
    alertThresholds: [0.5, 1],
    ...fields,
  };
}

function account(...budgets: BudgetDefinition[]): TenantAccount {
  const fresh = emptyAccount("acme");
  for (const definition of budgets) putBudget(fresh, definition, undefined, clock());
  return fresh;
}

function costEvent(eventId: string, cost: bigint, fields: Omit<MessageInitShape<typeof CostEventSchema>, "$typeName"> = {}): CostEvent {
  return create(CostEventSchema, {
    eventId,
    tenant: "acme",
    requestId: `req-${eventId}`,
    costNanoUsd: cost,
    billed: true,
    outcome: AttemptOutcome.SUCCEEDED,
    usage: { inputTokens: 10n, outputTokens: 5n, totalTokens: 15n },
    occurredAt: timestampFromMs(noon),
    ...fields,
  });
}

const ask = (requestId: string, amount: bigint, fields: Partial<{ apiKeyId: string; project: string; tokens: bigint; ttlMs: number }> = {}) => ({
  requestId,
  apiKeyId: "",
  project: "",
  taskType: "",
  amountNanoUsd: amount,
  tokens: 0n,
  ttlMs: 60_000,
  ...fields,
});

const refusalOf = (action: () => unknown): BudgetRefusal => {
  try {
    action();
  } catch (error) {
    if (BudgetRefusal.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("reservation rules", () => {
  it("grants while the limit has room and refuses the reservation that would pass it", () => {
    const books = account(budget());
    reserve(books, ask("a", 600n), clock());
    const refusal = refusalOf(() => reserve(books, ask("b", 500n), clock()));
    expect(refusal.facts).toMatchObject({ budgetId: "acme", limitNanoUsd: 1_000n, remainingNanoUsd: 400n, requestedNanoUsd: 500n });
    expect(new Date(refusal.facts.resetsAt!).toISOString()).toBe("2026-06-11T00:00:00.000Z");
    expect(reserve(books, ask("c", 400n), clock()).amountNanoUsd).toBe(400n);
  });

  it("checks every level that applies: tenant, API key and project", () => {
    const books = account(
      budget(),
      budget({ scope: "apiKey", scopeId: "k1", limitNanoUsd: 100n }),
      budget({ scope: "project", scopeId: "p1", limitNanoUsd: 300n }),
    );
    expect(refusalOf(() => reserve(books, ask("a", 150n, { apiKeyId: "k1" }), clock())).facts.budgetId).toBe("acme/key/k1");
    expect(refusalOf(() => reserve(books, ask("b", 350n, { project: "p1" }), clock())).facts.budgetId).toBe("acme/project/p1");
    reserve(books, ask("c", 350n, { apiKeyId: "k2", project: "p2" }), clock());
    expect(budgetState(books, "acme", clock())?.heldNanoUsd).toBe(350n);
  });

  it("refuses estimates over the per-request cap and the token limit", () => {
    const books = account(budget({ perRequestCapNanoUsd: 200n, limitTokens: 100n }));
    expect(refusalOf(() => reserve(books, ask("a", 201n), clock())).facts.reason).toMatch(/per-request cap of 200/);
    expect(refusalOf(() => reserve(books, ask("b", 10n, { tokens: 101n }), clock())).facts.reason).toMatch(/token limit/);
  });

  it("returns the first reservation again for the same request id", () => {
    const books = account(budget());
    const first = reserve(books, ask("same", 600n), clock());
    const again = reserve(books, ask("same", 900n), clock(noon + 1_000));
    expect(again).toEqual(first);
    expect(first.id).toBe(reservationIdFor("acme", "same"));
  });

  it("lets several attempts settle one reservation, then Release frees the remainder", () => {
    const books = account(budget());
    const reservation = reserve(books, ask("cascade", 700n), clock());
    settle(books, costEvent("try-1", 0n, { billed: false, outcome: AttemptOutcome.FAILED, reservationId: reservation.id }), 1, clock());
    settle(books, costEvent("try-2", 120n, { reservationId: reservation.id }), 2, clock());
    settle(books, costEvent("try-3", 200n, { reservationId: reservation.id }), 3, clock());
    expect(budgetState(books, "acme", clock())).toMatchObject({ spentNanoUsd: 320n, heldNanoUsd: 380n, remainingNanoUsd: 300n });
    expect(release(books, reservation.id, noon)).toBe(true);
    expect(release(books, reservation.id, noon)).toBe(false);
    expect(budgetState(books, "acme", clock())).toMatchObject({ spentNanoUsd: 320n, heldNanoUsd: 0n, remainingNanoUsd: 680n });
    settle(books, costEvent("late", 50n, { reservationId: reservation.id }), 4, clock());
    expect(budgetState(books, "acme", clock())?.spentNanoUsd).toBe(370n);
  });

  it("keeps holding what a Release reports as billed until its delayed events settle it", () => {
    const books = account(budget());
    const first = reserve(books, ask("answered", 600n), clock());
    // The caller got its answer (billed 400) but the cost event is still on its way.
    expect(release(books, first.id, noon, { nanoUsd: 400n, tokens: 15n })).toBe(true);
    expect(budgetState(books, "acme", clock())).toMatchObject({ spentNanoUsd: 0n, heldNanoUsd: 400n, remainingNanoUsd: 600n });
    expect(refusalOf(() => reserve(books, ask("next", 700n), clock())).facts.budgetId).toBe("acme");
    expect(release(books, first.id, noon, { nanoUsd: 400n, tokens: 15n })).toBe(false);
    settle(books, costEvent("delayed", 400n, { reservationId: first.id }), 1, clock());
    expect(books.reservations[first.id]).toBeUndefined();
    expect(budgetState(books, "acme", clock())).toMatchObject({ spentNanoUsd: 400n, heldNanoUsd: 0n, remainingNanoUsd: 600n });
  });

  it("counts an event before its reservation as spend, and the later Reserve holds its full estimate", () => {
    const books = account(budget());
    const id = reservationIdFor("acme", "early");
    settle(books, costEvent("first", 250n, { reservationId: id }), 1, clock());
    const reservation = reserve(books, ask("early", 400n), clock());
    expect(reservation.id).toBe(id);
    expect(budgetState(books, "acme", clock())).toMatchObject({ spentNanoUsd: 250n, heldNanoUsd: 400n });
    settle(books, costEvent("second", 100n, { reservationId: id }), 2, clock());
    release(books, id, noon);
    expect(budgetState(books, "acme", clock())).toMatchObject({ spentNanoUsd: 350n, heldNanoUsd: 0n });
  });

  it("ignores an event at or below the applied sequence", () => {
    const books = account(budget());
    settle(books, costEvent("a", 100n), 5, clock());
    settle(books, costEvent("a", 100n), 5, clock());
    settle(books, costEvent("b", 100n), 4, clock());
    expect(budgetState(books, "acme", clock())?.spentNanoUsd).toBe(100n);
  });

  it("frees the hold of a reservation when its TTL passes, and forgets it", () => {
    const books = account(budget());
    const reservation = reserve(books, ask("ttl", 900n, { ttlMs: 30_000 }), clock());
    expect(budgetState(books, "acme", clock(noon + 29_999))?.heldNanoUsd).toBe(900n);
    expect(budgetState(books, "acme", clock(noon + 30_000))?.heldNanoUsd).toBe(0n);
    expect(release(books, reservation.id, noon + 30_001)).toBe(false);
    reserve(books, ask("other", 1n, { ttlMs: 60_000 }), clock(noon + 30_001));
    pruneReservations(books, noon + 30_002);
    expect(Object.keys(books.reservations)).toEqual([reservationIdFor("acme", "other")]);
  });

  it("starts a new period at midnight and fires each alert once per period", () => {
    const books = account(budget({ timeZone: "Europe/Paris" }));
    const beforeMidnight = Date.parse("2026-06-10T21:59:00Z");
    const afterMidnight = Date.parse("2026-06-10T22:01:00Z");
    const alerts = [
      ...settle(books, costEvent("a", 600n, { occurredAt: timestampFromMs(beforeMidnight) }), 1, clock(beforeMidnight)),
      ...settle(books, costEvent("b", 100n, { occurredAt: timestampFromMs(beforeMidnight) }), 2, clock(beforeMidnight)),
    ];
    expect(alerts.map((alert) => alert.threshold)).toEqual([0.5]);
    expect(alerts[0]?.alertId).toBe("acme:2026-06-09T22:00:00.000Z:0.5");
    expect(budgetState(books, "acme", clock(afterMidnight))).toMatchObject({ spentNanoUsd: 0n, remainingNanoUsd: 1_000n });
    const next = settle(books, costEvent("c", 1_000n, { occurredAt: timestampFromMs(afterMidnight) }), 3, clock(afterMidnight));
    expect(next.map((alert) => alert.threshold)).toEqual([0.5, 1]);
    const late = settle(books, costEvent("d", 5n, { occurredAt: timestampFromMs(beforeMidnight) }), 4, clock(afterMidnight));
    expect(late).toEqual([]);
    expect(budgetState(books, "acme", clock(afterMidnight))?.spentNanoUsd).toBe(1_000n);
  });

  it("survives the JSON round trip through the KV store exactly", () => {
    const books = account(budget({ limitTokens: 5n, perRequestCapNanoUsd: 9_007_199_254_740_993n }));
    reserve(books, ask("x", 10n), clock());
    expect(decodeAccount(encodeAccount(books))).toEqual(books);
  });
});
