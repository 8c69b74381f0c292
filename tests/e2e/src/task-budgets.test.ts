import { randomUUID } from "node:crypto";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { join } from "node:path";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { CallOptions, Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { BudgetExceededSchema, BudgetPeriod, BudgetScope, LedgerService, ReportDimension } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { EnsembleMode, RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequestSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import { errorDetailOf } from "@switchyard/runtime";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack } from "./support/stack-fixture.js";

// Per-task budgets through the real stack, with the router on budget leases (the default):
// tests/e2e/fixtures/task-budgets.yaml seeds local's "code" and "summarize" budgets and beta's "code".
let stack: RunningStack;
let router: Client<typeof RouterService>;
let ledger: Client<typeof LedgerService>;
const admin: CallOptions = { headers: { authorization: "Bearer sk-switchyard-dev-admin" } };

beforeAll(async () => {
  stack = await startTestStack({ configPath: join(import.meta.dirname, "../fixtures/task-budgets.yaml") });
  router = createClient(RouterService, createGrpcTransport({ baseUrl: stack.urls.router }));
  ledger = createClient(LedgerService, createGrpcTransport({ baseUrl: stack.urls.ledger }));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

type Request = MessageInitShape<typeof CompleteRequestSchema>;

const failure = (promise: Promise<unknown>): Promise<ConnectError> =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );

async function budget(tenant: string, budgetId: string) {
  const found = (await ledger.getBudget({ tenant }, admin)).budgets.find((status) => status.budgetId === budgetId);
  if (!found) throw new Error(`no budget ${budgetId}`);
  return found;
}

/** Task types and billed cost of the settled cost events of some requests. */
async function eventsOf(requestIds: readonly string[]): Promise<{ taskTypes: Set<string>; count: number; costNanoUsd: bigint }> {
  const taskTypes = new Set<string>();
  let count = 0;
  let costNanoUsd = 0n;
  for await (const exported of ledger.exportEvents({ tenant: "local" }, admin)) {
    const event = exported.event;
    // A request's zero-cost decision record is not an attempt.
    if (!event || !requestIds.includes(event.requestId) || event.routingDecision) continue;
    taskTypes.add(event.taskType);
    count += 1;
    if (event.billed) costNanoUsd += event.costNanoUsd;
  }
  return { taskTypes, count, costNanoUsd };
}

/** The same pinned call every time (same prompt, same answer, same cost). */
const pinned = (taskType: string): Request => ({
  messages: [{ role: "user", content: "Per-task budget: name three rivers." }],
  strategy: { kind: { case: "pinned", value: { model: "sim-small" } } },
  taskType,
});

describe("per-task budgets through the stack", () => {
  it("charges a task budget with every attempt of its requests, whatever the strategy", async () => {
    const user = (content: string) => [{ role: "user", content: `${content} (${randomUUID()})` }];
    const requests: Request[] = [
      { messages: user("Summarise the tides"), strategy: { kind: { case: "pinned", value: { model: "sim-small" } } } },
      {
        messages: user("Summarise the rivers"),
        strategy: { kind: { case: "ensemble", value: { models: ["sim-small", "sim-medium"], mode: EnsembleMode.JUDGE } } },
      },
      { messages: user("Summarise the hills"), strategy: { kind: { case: "critique", value: { primary: "sim-small", critics: ["sim-medium"] } } } },
      { messages: user("Summarise the lakes"), strategy: { kind: { case: "cascade", value: { chain: ["sim-small", "sim-medium"], threshold: 0 } } } },
    ];
    const responses = await Promise.all(requests.map((request) => router.complete({ ...request, taskType: "summarize" })));
    const ids = responses.map((response) => response.requestId);
    expect(responses.map((response) => response.taskType)).toEqual(["summarize", "summarize", "summarize", "summarize"]);
    const attempts = responses.reduce((sum, response) => sum + response.attempts.length, 0);
    await expect.poll(async () => (await eventsOf(ids)).count, { timeout: 15_000 }).toBeGreaterThanOrEqual(attempts);
    const settled = await eventsOf(ids);
    // Judge and critic calls are billed to the request's task type too.
    expect([...settled.taskTypes]).toEqual(["summarize"]);
    await expect.poll(async () => (await budget("local", "local/task/summarize")).spentNanoUsd, { timeout: 15_000 }).toBe(settled.costNanoUsd);
    expect((await budget("local", "local")).spentNanoUsd).toBe(settled.costNanoUsd);
  }, 60_000);

  it("refuses task type code once its budget is spent, while chat still passes and beta's code budget never moves", async () => {
    // Chat calls (no chat budget) teach the router's calibration sim-small's answer length, so
    // that a code call holds about what it costs rather than 256 tokens of output.
    let callCost = 0n;
    for (let call = 0; call < 10; call += 1) callCost = (await router.complete(pinned("chat"))).totalCostNanoUsd;
    expect(callCost).toBeGreaterThan(0n);
    // No code request ran yet, so no router lease of local's code budget holds a slice of the old limit.
    const limit = 5n * callCost + callCost / 2n;
    await ledger.setBudget(
      { budget: { tenant: "local", scope: BudgetScope.TASK_TYPE, scopeId: "code", limitNanoUsd: limit, period: BudgetPeriod.TOTAL } },
      admin,
    );
    const costs: bigint[] = [];
    let refusal: ConnectError | undefined;
    for (let call = 0; call < 30 && !refusal; call += 1) {
      try {
        costs.push((await router.complete(pinned("code"))).totalCostNanoUsd);
      } catch (error) {
        refusal = ConnectError.from(error);
      }
    }
    expect(refusal?.code).toBe(Code.ResourceExhausted);
    expect(errorDetailOf(refusal!)).toMatchObject({ reason: ErrorReason.BUDGET_EXHAUSTED, budgetId: "local/task/code" });
    expect(refusal!.findDetails(BudgetExceededSchema)[0]?.budgetId).toBe("local/task/code");
    expect(costs.length).toBeGreaterThanOrEqual(3);
    expect((await router.complete(pinned("chat"))).totalCostNanoUsd).toBe(callCost);
    expect((await failure(router.complete(pinned("code")))).code).toBe(Code.ResourceExhausted);
    const spent = costs.reduce((sum, cost) => sum + cost, 0n);
    await expect.poll(async () => (await budget("local", "local/task/code")).spentNanoUsd, { timeout: 15_000 }).toBe(spent);
    // Overshoot bound for one router (services/ledger/README.md): the limit plus what one call costs beyond its hold.
    expect(spent).toBeLessThanOrEqual(limit + callCost);
    expect(await budget("beta", "beta/task/code")).toMatchObject({ spentNanoUsd: 0n, reservedNanoUsd: 0n });
    const report = await ledger.report({ tenant: "local", groupBy: [ReportDimension.TASK_TYPE] }, admin);
    expect(report.rows.find((row) => row.group["task_type"] === "code")?.costNanoUsd).toBe(spent);
  }, 90_000);
});
