import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { BudgetExceededSchema, BudgetPeriod, BudgetScope } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { errorDetailOf } from "@switchyard/runtime";
import type { RunningNats } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Replica } from "./test-support/ledger-harness.js";
import { costEvent, keys, publishEvent, startReplica, startTestNats, TestClock, withKey } from "./test-support/ledger-harness.js";

let nats: RunningNats;
let ledger: Replica;
const clock = new TestClock();
const admin = withKey(keys.admin);
const acme = withKey(keys.acme);
const globex = withKey(keys.globex);

beforeAll(async () => {
  nats = await startTestNats();
  // The configured task budget of globex has the same task type as the one acme gets by SetBudget.
  ledger = await startReplica(nats.url, {
    clock,
    budgets: [{ tenant: "globex", scope: "taskType", id: "code", limitUsd: 1_000_000n, period: "total", alertThresholds: [] }],
  });
}, 30_000);
afterAll(async () => {
  await ledger?.stop();
  await nats?.stop();
});

const failure = (promise: Promise<unknown>): Promise<ConnectError> =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => ConnectError.from(error),
  );

const statusOf = async (tenant: string, budgetId: string) =>
  (await ledger.client().getBudget({ tenant }, admin)).budgets.find((status) => status.budgetId === budgetId);

const taskBudget = (tenant: string, taskType: string, limitNanoUsd: bigint) => ({
  budget: { tenant, scope: BudgetScope.TASK_TYPE, scopeId: taskType, limitNanoUsd, period: BudgetPeriod.TOTAL },
});

describe("task-type budgets through the RPCs", () => {
  it("are set by an admin, seeded from the configuration, and listed with the tenant's budgets", async () => {
    await ledger.client().setBudget({ budget: { tenant: "acme", scope: BudgetScope.TENANT, limitNanoUsd: 10_000_000n, period: BudgetPeriod.TOTAL } }, admin);
    const set = await ledger.client().setBudget(taskBudget("acme", "code", 1_000_000n), admin);
    expect(set.budget).toMatchObject({ budgetId: "acme/task/code", remainingNanoUsd: 1_000_000n, budget: { scope: BudgetScope.TASK_TYPE, scopeId: "code" } });
    expect((await ledger.client().getBudget({}, acme)).budgets.map((status) => status.budgetId)).toEqual(["acme", "acme/task/code"]);
    expect((await statusOf("globex", "globex/task/code"))?.budget?.limitNanoUsd).toBe(1_000_000n);
    expect((await failure(ledger.client().setBudget(taskBudget("acme", "chat", 1n), acme))).code).toBe(Code.PermissionDenied);
    const malformed = await failure(ledger.client().setBudget(taskBudget("acme", "no spaces", 1n), admin));
    expect(malformed.code).toBe(Code.InvalidArgument);
    expect(malformed.rawMessage).toMatch(/budget\.scope_id: a task type/);
  });

  it("refuses Reserve and AcquireLease of the spent task type with BUDGET_EXHAUSTED naming it; other task types pass", async () => {
    await publishEvent(ledger.link, costEvent("code-spend", 900_000n, { taskType: "code" }));
    await expect.poll(async () => (await statusOf("acme", "acme/task/code"))?.spentNanoUsd, { timeout: 10_000 }).toBe(900_000n);
    const refused = await failure(ledger.client().reserve({ requestId: "code-1", taskType: "code", estimatedMaxCostNanoUsd: 200_000n }, acme));
    expect(refused.code).toBe(Code.ResourceExhausted);
    expect(errorDetailOf(refused)).toMatchObject({ reason: ErrorReason.BUDGET_EXHAUSTED, budgetId: "acme/task/code" });
    expect(refused.findDetails(BudgetExceededSchema)[0]).toMatchObject({ budgetId: "acme/task/code", remainingNanoUsd: 100_000n });
    const lease = await ledger.client().acquireLease({ holderId: "router#0", taskType: "code", amountNanoUsd: 500_000n }, acme);
    expect(lease.lease?.amountNanoUsd).toBe(100_000n);
    const leaseRefused = await failure(ledger.client().acquireLease({ holderId: "router-2#0", taskType: "code", amountNanoUsd: 500_000n }, acme));
    expect(errorDetailOf(leaseRefused)).toMatchObject({ reason: ErrorReason.BUDGET_EXHAUSTED, budgetId: "acme/task/code" });
    const chat = await ledger.client().reserve({ requestId: "chat-1", taskType: "chat", estimatedMaxCostNanoUsd: 200_000n }, acme);
    expect(chat.budgets.map((status) => status.budgetId)).toEqual(["acme"]);
    expect(await statusOf("acme", "acme")).toMatchObject({ spentNanoUsd: 900_000n, reservedNanoUsd: 300_000n });
  });

  it("never moves another tenant's budget of the same task type", async () => {
    await publishEvent(ledger.link, costEvent("code-spend-2", 50_000n, { taskType: "code" }));
    await expect.poll(async () => (await statusOf("acme", "acme/task/code"))?.spentNanoUsd, { timeout: 10_000 }).toBe(950_000n);
    expect(await statusOf("globex", "globex/task/code")).toMatchObject({ spentNanoUsd: 0n, reservedNanoUsd: 0n, remainingNanoUsd: 1_000_000n });
    const granted = await ledger.client().reserve({ requestId: "globex-code", taskType: "code", estimatedMaxCostNanoUsd: 900_000n }, globex);
    expect(granted.budgets.map((status) => status.budgetId)).toEqual(["globex/task/code"]);
    expect((await statusOf("acme", "acme/task/code"))?.reservedNanoUsd).toBe(100_000n);
  });

  it("refuses a malformed task type on Reserve", async () => {
    const error = await failure(ledger.client().reserve({ requestId: "bad", taskType: "a b", estimatedMaxCostNanoUsd: 1n }, acme));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toMatch(/^task_type:/);
  });
});
