import { randomUUID } from "node:crypto";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
