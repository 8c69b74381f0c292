import { randomUUID } from "node:crypto";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simStats } from "./support/accounting.js";
import { bufCurl } from "./support/buf-curl.js";
import type { UnaryCaller } from "./support/grpc-js-client.js";
import { grpcJsClient } from "./support/grpc-js-client.js";
import { startTestStack } from "./support/stack-fixture.js";

interface BudgetStatus {
  budgetId: string;
  spentNanoUsd: string;
  reservedNanoUsd: string;
  remainingNanoUsd: string;
}

let stack: RunningStack;
let router: UnaryCaller;
let ledger: UnaryCaller;
// The local configuration's admin key (config/switchyard.yaml, tenant "ops").
const admin = { metadata: { authorization: "Bearer sk-switchyard-dev-admin" } };

beforeAll(async () => {
  // Per-request reservations, so that no router lease stays in the budget's reserved figure
  // these tests read; leases are covered by budget-leases.test.ts.
  stack = await startTestStack({ env: { BUDGET_MODE: "reservations" } });
  router = grpcJsClient("switchyard.v1.RouterService", stack.urls.router);
  ledger = grpcJsClient("switchyard.v1.LedgerService", stack.urls.ledger);
}, 120_000);

afterAll(async () => {
  router?.close();
  ledger?.close();
  await stack?.stop();
}, 60_000);

async function localBudget(): Promise<BudgetStatus> {
  const response = await ledger.call<{ budgets: BudgetStatus[] }>("GetBudget", { tenant: "local" }, admin);
  return response.budgets.find((status) => status.budgetId === "local")!;
}

describe("the ledger's budgets on real processes", () => {
  it("charges the configured budget with what the executor's cost event says", async () => {
    const before = BigInt((await localBudget()).spentNanoUsd);
    const response = await router.call<{ totalCostNanoUsd: string }>("Complete", {
      messages: [{ role: "user", content: `Budget ${randomUUID()}` }],
      strategy: { pinned: { model: "sim-small" } },
    });
    expect(BigInt(response.totalCostNanoUsd)).toBeGreaterThan(0n);
    await expect.poll(async () => BigInt((await localBudget()).spentNanoUsd), { timeout: 10_000 }).toBe(before + BigInt(response.totalCostNanoUsd));
  });

  it("holds a reservation until Release, and refuses one over the per-request cap with BudgetExceeded", async () => {
    const requestId = randomUUID();
    const reserved = await ledger.call<{ reservationId: string; budgets: BudgetStatus[] }>("Reserve", { requestId, estimatedMaxCostNanoUsd: "1000000000" });
    expect(reserved.budgets[0]?.reservedNanoUsd).toBe("1000000000");
    await expect(ledger.call("Release", { reservationId: reserved.reservationId })).resolves.toMatchObject({ released: true });
    expect((await localBudget()).reservedNanoUsd).toBe("0");
    const refused = await bufCurl([
      "-d",
      JSON.stringify({ requestId: randomUUID(), estimatedMaxCostNanoUsd: "6000000000" }),
      `${stack.urls.ledger}/switchyard.v1.LedgerService/Reserve`,
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/resource_exhausted/);
    expect(refused.stdout + refused.stderr).toMatch(/switchyard\.v1\.BudgetExceeded/);
  });
});

describe("a task-type budget with per-request reservations", () => {
  it("refuses requests of the spent task type before any provider call, and lets other task types through", async () => {
    const request = (taskType: string) => ({
      messages: [{ role: "user", content: `Task budget ${randomUUID()}` }],
      strategy: { pinned: { model: "sim-small" } },
      taskType,
    });
    // One nano-USD: no hold of a real call fits, so the very first code request is refused.
    await ledger.call(
      "SetBudget",
      { budget: { tenant: "local", scope: "BUDGET_SCOPE_TASK_TYPE", scopeId: "code", limitNanoUsd: "1", period: "BUDGET_PERIOD_TOTAL" } },
      admin,
    );
    const providerCalls = async (): Promise<number> => Object.values(await simStats(stack.urls.sim)).reduce((sum, model) => sum + model.requests, 0);
    const before = await providerCalls();
    const refused = await router.call("Complete", request("code")).then(
      () => undefined,
      (error: unknown) => error as { code: number; details: string },
    );
    expect(refused?.code).toBe(8);
    expect(refused?.details).toMatch(/budget "local\/task\/code" refused/);
    expect(await providerCalls()).toBe(before);
    const chat = await router.call<{ totalCostNanoUsd: string }>("Complete", request("chat"));
    expect(BigInt(chat.totalCostNanoUsd)).toBeGreaterThan(0n);
    const statuses = await ledger.call<{ budgets: BudgetStatus[] }>("GetBudget", { tenant: "local" }, admin);
    expect(statuses.budgets.find((status) => status.budgetId === "local/task/code")).toMatchObject({ spentNanoUsd: "0", reservedNanoUsd: "0" });
  });
});
