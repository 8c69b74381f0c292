import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { AccountService } from "@switchyard/contracts/switchyard/v1/account_pb";
import { BreakerState } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { BudgetPeriod, BudgetSchema, BudgetScope, ReportDimension } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestStack } from "./support/stack-fixture.js";

// Tenants of fixtures/account.yaml: acme (sim-small and sim-medium only), globex, ops (admin).
const keys = { acme: "sk-acme-account", globex: "sk-globex-account", admin: "sk-switchyard-dev-admin" } as const;
const as = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });
const startedAt = Date.now();

let stack: RunningStack;
let router: Client<typeof RouterService>;
let account: Client<typeof AccountService>;

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );
}

async function ask(key: string, model: string, tags: Record<string, string> = {}): Promise<string> {
  const response = await router.complete(
    { messages: [{ role: "user", content: `Account ${randomUUID()}` }], strategy: { kind: { case: "pinned", value: { model } } }, tags },
    as(key),
  );
  return response.requestId;
}

const acmeRequests: string[] = [];
const globexRequests: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ configPath: join(import.meta.dirname, "../fixtures/account.yaml") });
  const transport = createGrpcTransport({ baseUrl: stack.urls.router });
  router = createClient(RouterService, transport);
  account = createClient(AccountService, transport);
  acmeRequests.push(await ask(keys.acme, "sim-small", { team: "red" }), await ask(keys.acme, "sim-medium", { team: "blue" }));
  globexRequests.push(await ask(keys.globex, "sim-large", { team: "red" }));
  // Spend reaches the ledger through JetStream: wait until all three requests are indexed.
  await vi.waitFor(async () => expect((await account.report({}, as(keys.admin))).total?.requests).toBe(3n), { timeout: 15_000, interval: 200 });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

describe("AccountService keeps every tenant to its own data", () => {
  it("Report: a tenant sees its own spend only, grouped by tag too; an admin sees every tenant", async () => {
    const acme = await account.report({ groupBy: [ReportDimension.TENANT, ReportDimension.MODEL] }, as(keys.acme));
    expect(acme.rows.map((row) => row.group)).toEqual([
      { tenant: "acme", model: "sim-medium" },
      { tenant: "acme", model: "sim-small" },
    ]);
    expect(acme.total?.requests).toBe(2n);
    expect(acme.total?.costNanoUsd).toBeGreaterThan(0n);
    const tags = await account.report({ groupBy: [ReportDimension.TAG], tagKey: "team" }, as(keys.acme));
    expect(tags.rows.map((row) => row.group["tag:team"])).toEqual(["blue", "red"]);
    const all = await account.report({ groupBy: [ReportDimension.TENANT] }, as(keys.admin));
    expect(all.rows.map((row) => row.group["tenant"])).toEqual(["acme", "globex"]);
    expect((await failure(account.report({ tenant: "globex" }, as(keys.acme)))).code).toBe(Code.PermissionDenied);
    expect((await failure(account.report({ groupBy: [ReportDimension.TAG] }, as(keys.acme)))).message).toMatch(/tag_key/);
  });

  it("GetBudget and SetBudget: own budgets only; only an admin sets one", async () => {
    const acme = await account.getBudget({}, as(keys.acme));
    expect(acme.budgets.map((status) => status.budgetId)).toEqual(["acme"]);
    expect(acme.budgets[0]?.spentNanoUsd).toBeGreaterThan(0n);
    expect((await failure(account.getBudget({ tenant: "globex" }, as(keys.acme)))).code).toBe(Code.PermissionDenied);
    const budget = create(BudgetSchema, {
      tenant: "acme",
      scope: BudgetScope.PROJECT,
      scopeId: "red",
      limitNanoUsd: 2_000_000_000n,
      period: BudgetPeriod.DAILY,
    });
    expect((await failure(account.setBudget({ budget }, as(keys.acme)))).code).toBe(Code.PermissionDenied);
    const set = await account.setBudget({ budget }, as(keys.admin));
    expect(set.budget?.budgetId).toBe("acme/project/red");
    const globex = await account.getBudget({}, as(keys.globex));
    expect(globex.budgets.map((status) => status.budgetId)).toEqual(["globex"]);
  });

  it("ListAlerts and WatchAlerts: a tenant's catch-up holds its own alerts only", async () => {
    const since = timestampFromMs(startedAt - 60_000);
    await expect.poll(async () => (await account.listAlerts({ since }, as(keys.acme))).alerts.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const acme = await account.listAlerts({ since }, as(keys.acme));
    expect(new Set(acme.alerts.map((alert) => alert.tenant))).toEqual(new Set(["acme"]));
    const globex = await account.listAlerts({ since }, as(keys.globex));
    expect(new Set(globex.alerts.map((alert) => alert.tenant))).toEqual(new Set(["globex"]));
    expect((await failure(account.listAlerts({ tenant: "globex" }, as(keys.acme)))).code).toBe(Code.PermissionDenied);
    const replayed: string[] = [];
    for await (const response of account.watchAlerts({ since }, as(keys.acme))) {
      replayed.push(response.alert?.tenant ?? "");
      if (replayed.length === acme.alerts.length) break;
    }
    expect(replayed).toEqual(acme.alerts.map(() => "acme"));
  });

  it("ListModels: the models a tenant may use, with live state, price, context window and tier", async () => {
    const acme = await account.listModels({}, as(keys.acme));
    expect(acme.models.map((model) => model.state?.model).sort()).toEqual(["sim-medium", "sim-small"]);
    const small = acme.models.find((model) => model.state?.model === "sim-small")!;
    expect(small.tier).toBe("small");
    expect(small.state).toMatchObject({ contextWindow: 8192, breakerState: BreakerState.CLOSED, simulated: true });
    expect(small.state?.price?.inputNanoUsdPerMtok).toBe(100_000_000n);
    expect(small.state?.recentLatencyP50Ms).toBeGreaterThan(0);
    const globex = await account.listModels({}, as(keys.globex));
    expect(globex.models.map((model) => model.state?.model).sort()).toEqual(["sim-large", "sim-medium", "sim-small"]);
  });

  it("ListEvents: the newest attempts of the caller's tenant only", async () => {
    const acme = await account.listEvents({}, as(keys.acme));
    expect(new Set(acme.events.map((event) => event.requestId))).toEqual(new Set(acmeRequests));
    expect(acme.events.every((event) => event.tenant === "acme")).toBe(true);
    const one = await account.listEvents({ limit: 1 }, as(keys.globex));
    expect(one.events.map((event) => event.requestId)).toEqual(globexRequests);
    expect((await failure(account.listEvents({ limit: 5000 }, as(keys.acme)))).message).toMatch(/^\[invalid_argument\] limit/);
  });

  it("ExportCsv: the caller's own events as CSV, with progress counts", async () => {
    const chunks: string[] = [];
    let last = { written: 0n, total: 0n };
    for await (const response of account.exportCsv({}, as(keys.acme))) {
      chunks.push(response.chunk);
      last = { written: response.eventsWritten, total: response.eventsTotal };
    }
    const [header, ...lines] = chunks.join("").trimEnd().split("\n");
    const tenantColumn = header!.split(",").indexOf("tenant");
    expect(tenantColumn).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(new Set(lines.map((line) => line.split(",")[tenantColumn]))).toEqual(new Set(["acme"]));
    expect(last).toEqual({ written: BigInt(lines.length), total: BigInt(lines.length) });
    const refused = account.exportCsv({ tenant: "globex" }, as(keys.acme))[Symbol.asyncIterator]().next();
    expect((await failure(refused)).code).toBe(Code.PermissionDenied);
  });

  it("refuses a call without a valid key", async () => {
    expect((await failure(account.report({}, as("sk-not-a-key")))).code).toBe(Code.Unauthenticated);
    expect((await failure(account.listModels({}))).code).toBe(Code.Unauthenticated);
  });

  it("ListModels: the tenant's per-task quality estimates, moved by its own feedback only", async () => {
    const asked = await router.complete(
      {
        messages: [{ role: "user", content: `Account code ${randomUUID()}` }],
        strategy: { kind: { case: "pinned", value: { model: "sim-small" } } },
        taskType: "code",
      },
      as(keys.acme),
    );
    await router.feedback({ requestId: asked.requestId, signal: { case: "thumbsUp", value: true } }, as(keys.acme));
    const small = (await account.listModels({}, as(keys.acme))).models.find((model) => model.state?.model === "sim-small");
    expect(small?.taskQuality["code"]?.observations).toBe(1n);
    expect(small?.taskQuality["code"]?.quality).toBeGreaterThan(0);
    const globex = (await account.listModels({}, as(keys.globex))).models.find((model) => model.state?.model === "sim-small");
    expect(globex?.taskQuality).toEqual({});
  });
});
