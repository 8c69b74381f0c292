import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { status as GrpcStatus } from "@grpc/grpc-js";
import { freePort, startServiceProcess } from "@switchyard/stack";
import type { ManagedProcess, RunningStack, ServiceName } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetsOf } from "./support/accounting.js";
import type { BudgetFigures } from "./support/accounting.js";
import { pinnedCall, printRace, raceCalls } from "./support/budget-race.js";
import type { UnaryCaller } from "./support/grpc-js-client.js";
import { grpcJsClient } from "./support/grpc-js-client.js";
import { repositoryRoot, startTestStack } from "./support/stack-fixture.js";

// Tenants and keys of tests/e2e/fixtures/budget-leases.yaml; "ops" is the admin.
const adminKey = "sk-switchyard-dev-admin";
const keyOf = { race1: "sk-race-one", race2: "sk-race-two", over: "sk-over-e2e", lease: "sk-lease-e2e", crash: "sk-crash-e2e", term: "sk-term-e2e" } as const;
type Tenant = keyof typeof keyOf;
const as = (tenant: Tenant): Record<string, string> => ({ authorization: `Bearer ${keyOf[tenant]}` });
const configPath = join(repositoryRoot, "tests/e2e/fixtures/budget-leases.yaml");
const meshToken = randomBytes(24).toString("hex");
const prompt = "Budget race: name three rivers.";
const call = pinnedCall("sim-large", prompt);

let stack: RunningStack;
let ledger: UnaryCaller;
let router: UnaryCaller;
/** What one call of `prompt` costs (every answer of the same prompt costs the same). */
let callCost: bigint;
const extra: ManagedProcess[] = [];
const clients: UnaryCaller[] = [];

/** Starts one more service process on the stack's NATS and simulator. */
async function startExtra(service: ServiceName, name: string, env: Record<string, string>): Promise<{ process: ManagedProcess; url: string }> {
  const port = await freePort();
  const process = await startServiceProcess({
    rootDir: repositoryRoot,
    service,
    instance: name,
    logDir: stack.logDir,
    port,
    metricsPort: -1,
    env: {
      MESH_TOKEN: meshToken,
      NATS_URL: stack.urls.nats,
      SIM_URL: stack.urls.sim,
      SWITCHYARD_CONFIG: configPath,
      SELECTOR_URL: stack.urls.selector,
      EXECUTOR_URL: stack.urls.executor,
      CRITIC_URL: stack.urls.critic,
      LEDGER_URL: stack.urls.ledger,
      ...env,
    },
  });
  extra.push(process);
  return { process, url: `http://127.0.0.1:${port}` };
}

function client(service: string, url: string): UnaryCaller {
  const created = grpcJsClient(service, url);
  clients.push(created);
  return created;
}

/** Calls from the dev tenant until the router's calibration knows sim-large's answers. */
async function warmUp(caller: UnaryCaller): Promise<bigint> {
  let cost = 0n;
  for (let index = 0; index < 10; index += 1) cost = BigInt((await caller.call<{ totalCostNanoUsd: string }>("Complete", call)).totalCostNanoUsd);
  return cost;
}

async function setTotalBudget(tenant: Tenant, limitNanoUsd: bigint): Promise<void> {
  await ledger.call(
    "SetBudget",
    { budget: { tenant, scope: "BUDGET_SCOPE_TENANT", limitNanoUsd: String(limitNanoUsd), period: "BUDGET_PERIOD_TOTAL" } },
    { metadata: { authorization: `Bearer ${adminKey}` } },
  );
}

async function budgetOf(tenant: Tenant, from: UnaryCaller = ledger): Promise<BudgetFigures> {
  const found = (await budgetsOf(from, tenant, adminKey)).find((figures) => figures.budgetId === tenant);
  if (!found) throw new Error(`no budget for ${tenant}`);
  return found;
}

async function reportedCost(tenant: Tenant): Promise<bigint> {
  const report = await ledger.call<{ total?: { costNanoUsd: string } }>("Report", { tenant }, { metadata: { authorization: `Bearer ${adminKey}` } });
  return BigInt(report.total?.costNanoUsd ?? "0");
}

const sum = (values: readonly bigint[]): bigint => values.reduce((total, value) => total + value, 0n);

beforeAll(async () => {
  stack = await startTestStack({
    configPath,
    env: { MESH_TOKEN: meshToken },
    serviceEnv: { router: { BUDGET_LEASE_IDLE_MS: "2000" } },
  });
  ledger = client("switchyard.v1.LedgerService", stack.urls.ledger);
  router = client("switchyard.v1.RouterService", stack.urls.router);
  callCost = await warmUp(router);
}, 180_000);

afterAll(async () => {
  for (const each of clients) each.close();
  for (const process of extra) await process.stop("SIGTERM");
  await stack?.stop();
}, 120_000);

/** Runs a 200-call race on a budget that affords 50 calls and checks the figures. */
async function budgetRace(name: string, tenant: Tenant, routers: readonly UnaryCaller[]): Promise<void> {
  const limit = 50n * callCost + callCost / 2n;
  await setTotalBudget(tenant, limit);
  const outcome = await raceCalls(routers, 200, call, as(tenant));
  // Every answer is settled and nothing is held: exact reservations were released, leases went back when idle.
  await expect.poll(() => budgetOf(tenant), { timeout: 30_000, interval: 250 }).toMatchObject({ spentNanoUsd: sum(outcome.costs), reservedNanoUsd: 0n });
  const spent = (await budgetOf(tenant)).spentNanoUsd;
  printRace(name, outcome, { limitNanoUsd: limit, spentNanoUsd: spent, callCostNanoUsd: callCost });
  expect(outcome.granted).toBeGreaterThanOrEqual(45);
  expect(outcome.granted).toBeLessThanOrEqual(50);
  expect(Object.keys(outcome.refused)).toEqual([String(GrpcStatus.RESOURCE_EXHAUSTED)]);
  expect(spent).toBeLessThanOrEqual(limit + callCost);
}

describe("budgets without a round trip per request", () => {
  it("grants 45-50 of 200 concurrent calls on a budget that affords 50, through one router", async () => {
    await budgetRace("one router, one ledger", "race1", [router]);
  }, 120_000);

  it("grants 45-50 of 200 concurrent calls across two routers, each on its own ledger replica", async () => {
    const secondLedger = await startExtra("ledger", "ledger-2", {});
    const secondRouter = await startExtra("router", "router-2", { LEDGER_URL: secondLedger.url, BUDGET_LEASE_IDLE_MS: "2000" });
    const routers = [router, client("switchyard.v1.RouterService", secondRouter.url)];
    await warmUp(routers[1]!);
    await budgetRace("two routers, two ledgers", "race2", routers);
    // The second ledger replica reads the same account: both agree on spend and holds.
    const fromSecond = await budgetOf("race2", client("switchyard.v1.LedgerService", secondLedger.url));
    expect(fromSecond).toEqual(await budgetOf("race2"));
  }, 180_000);

  it("keeps the overshoot within the exposure cap when every hold is too small", async () => {
    // Holds of 8 output tokens, never learnt, for answers of 64: each call costs more than it holds.
    const cap = 4n * callCost;
    const wrong = await startExtra("router", "router-over", {
      BUDGET_HOLD_COLD_TOKENS: "8",
      BUDGET_HOLD_FLOOR_TOKENS: "1",
      BUDGET_HOLD_MIN_SAMPLES: "1000000",
      BUDGET_EXPOSURE_CAP_NANO_USD: String(cap),
    });
    const caller = client("switchyard.v1.RouterService", wrong.url);
    const limit = 20n * callCost;
    await setTotalBudget("over", limit);
    const request = pinnedCall("sim-large", prompt, 128);
    const costs: bigint[] = [];
    for (let wave = 0; wave < 20; wave += 1) {
      const outcome = await raceCalls([caller], 10, request, as("over"));
      costs.push(...outcome.costs);
      expect(Object.keys(outcome.refused).every((code) => code === String(GrpcStatus.RESOURCE_EXHAUSTED))).toBe(true);
      if (outcome.granted === 0) break;
    }
    await expect.poll(() => budgetOf("over"), { timeout: 30_000, interval: 250 }).toMatchObject({ spentNanoUsd: sum(costs), reservedNanoUsd: 0n });
    const spent = sum(costs);
    printRace(
      "holds too small, exposure cap 4 calls",
      { granted: costs.length, refused: {}, costs },
      { limitNanoUsd: limit, spentNanoUsd: spent, callCostNanoUsd: callCost },
    );
    expect(spent).toBeGreaterThan(limit - callCost);
    // The stated bound for one replica (services/ledger/README.md): limit + 2 x cap.
    expect(spent).toBeLessThanOrEqual(limit + 2n * cap);
  }, 180_000);

  it("gives an idle lease back to the ledger", async () => {
    await setTotalBudget("lease", 1_000_000_000n);
    const answered = await router.call<{ totalCostNanoUsd: string }>("Complete", call, { metadata: as("lease") });
    // Right after the answer the lease still holds its unspent slice...
    expect((await budgetOf("lease")).reservedNanoUsd).toBeGreaterThan(0n);
    // ...and gives it back once idle (BUDGET_LEASE_IDLE_MS 2 s; the lease's 30 s TTL is far off).
    await expect
      .poll(() => budgetOf("lease"), { timeout: 20_000, interval: 250 })
      .toMatchObject({ spentNanoUsd: BigInt(answered.totalCostNanoUsd), reservedNanoUsd: 0n });
  }, 60_000);

  it("gives its leases back on SIGTERM, long before they would expire", async () => {
    await setTotalBudget("term", 1_000_000_000n);
    const draining = await startExtra("router", "router-term", { BUDGET_LEASE_TTL_SECONDS: "300", BUDGET_LEASE_IDLE_MS: "300000" });
    const caller = client("switchyard.v1.RouterService", draining.url);
    const answered = await caller.call<{ totalCostNanoUsd: string }>("Complete", call, { metadata: as("term") });
    expect((await budgetOf("term")).reservedNanoUsd).toBeGreaterThan(0n);
    await draining.process.stop("SIGTERM");
    await expect
      .poll(() => budgetOf("term"), { timeout: 20_000, interval: 250 })
      .toMatchObject({ spentNanoUsd: BigInt(answered.totalCostNanoUsd), reservedNanoUsd: 0n });
  }, 60_000);

  it("frees the lease of a router killed with -9 at its TTL, losing and doubling nothing", async () => {
    await setTotalBudget("crash", 1_000_000_000n);
    const doomed = await startExtra("router", "router-crash", { BUDGET_LEASE_TTL_SECONDS: "4", BUDGET_LEASE_IDLE_MS: "300000" });
    const caller = client("switchyard.v1.RouterService", doomed.url);
    const answered = await raceCalls([caller], 5, call, as("crash"));
    expect(answered.granted).toBe(5);
    // Calls in flight when it dies: the executor sees the caller go and bills what was used.
    const inFlight = raceCalls([caller], 5, pinnedCall("sim-large", `${prompt} (cut short)`), as("crash"));
    expect((await budgetOf("crash")).reservedNanoUsd).toBeGreaterThan(0n);
    await doomed.process.stop("SIGKILL");
    await inFlight;
    await expect.poll(() => budgetOf("crash"), { timeout: 30_000, interval: 250 }).toMatchObject({ reservedNanoUsd: 0n });
    // Spend is every cost event once: what the budget counted equals what the report indexed from the stream.
    await expect.poll(async () => (await budgetOf("crash")).spentNanoUsd === (await reportedCost("crash")), { timeout: 20_000, interval: 250 }).toBe(true);
    expect((await budgetOf("crash")).spentNanoUsd).toBeGreaterThanOrEqual(sum(answered.costs));
  }, 90_000);

  it("keeps answering within the lease while the ledger is down, then refuses with UNAVAILABLE", async () => {
    await setTotalBudget("lease", 1_000_000_000n);
    const before = (await budgetOf("lease")).spentNanoUsd;
    const costs: bigint[] = [BigInt((await router.call<{ totalCostNanoUsd: string }>("Complete", call, { metadata: as("lease") })).totalCostNanoUsd)];
    await stack.stopService("ledger");
    const codes: number[] = [];
    for (let index = 0; index < 400 && codes.length < 3; index += 1) {
      const outcome = await raceCalls([router], 1, call, as("lease"));
      costs.push(...outcome.costs);
      for (const [code, count] of Object.entries(outcome.refused)) codes.push(...Array.from({ length: count }, () => Number(code)));
    }
    expect(costs.length).toBeGreaterThan(1);
    expect(codes).toEqual([GrpcStatus.UNAVAILABLE, GrpcStatus.UNAVAILABLE, GrpcStatus.UNAVAILABLE]);
    await stack.startService("ledger");
    // The outage lost nothing: every answered call's cost event settles once the ledger is back.
    await expect.poll(() => budgetOf("lease"), { timeout: 30_000, interval: 250 }).toMatchObject({ spentNanoUsd: before + sum(costs), reservedNanoUsd: 0n });
  }, 120_000);
});
