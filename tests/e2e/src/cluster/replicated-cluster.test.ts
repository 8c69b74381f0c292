import { mkdtempSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status as GrpcStatus } from "@grpc/grpc-js";
import type { InstanceId, RunningCluster } from "@switchyard/stack";
import { startLocalCluster } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LedgerLine, SimModelStats } from "../support/accounting.js";
import { budgetsOf, ledgerByModel, simStats, streamState } from "../support/accounting.js";
import type { UnaryCaller } from "../support/grpc-js-client.js";
import { grpcJsClient } from "../support/grpc-js-client.js";
import { repositoryRoot } from "../support/stack-fixture.js";
import type { Traffic, TrafficResult } from "../support/traffic.js";
import { startTraffic } from "../support/traffic.js";

const models = ["sim-small", "sim-medium"];
/** The cluster configuration's admin key (tests/e2e/fixtures/cluster.yaml, tenant "ops"). */
const adminKey = "sk-switchyard-dev-admin";
/** Every third request is the "capped" tenant's, whose small budget the traffic runs out. */
const capped = { name: "capped", metadata: { authorization: "Bearer sk-capped-cluster" }, fields: { params: { maxOutputTokens: 64 } } };
/** gRPC codes a caller can act on while replicas come and go; anything else is not clean. */
const cleanCodes = new Set<number>([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.RESOURCE_EXHAUSTED, GrpcStatus.ABORTED]);

let cluster: RunningCluster;
let routers: UnaryCaller[];
let ledgers: UnaryCaller[];

beforeAll(async () => {
  cluster = await startLocalCluster({
    rootDir: repositoryRoot,
    workDir: mkdtempSync(join(tmpdir(), "switchyard-cluster-")),
    ports: "free",
    simLatencyScale: 0.2,
    configPath: join(repositoryRoot, "tests/e2e/fixtures/cluster.yaml"),
  });
  routers = cluster.urls("router").map((url) => grpcJsClient("switchyard.v1.RouterService", url));
  ledgers = cluster.urls("ledger").map((url) => grpcJsClient("switchyard.v1.LedgerService", url));
});

afterAll(async () => {
  for (const client of [...(routers ?? []), ...(ledgers ?? [])]) client.close();
  await cluster?.stop();
});

/** Crashes or drains one process, keeps traffic flowing through the gap, then brings it back. */
async function outage(traffic: Traffic, stop: () => Promise<unknown>, start: () => Promise<void>, log: string[], what: string): Promise<void> {
  const before = traffic.succeeded();
  await stop();
  await traffic.progress(50);
  await start();
  log.push(`${what}: ${traffic.succeeded() - before} requests succeeded while it was down and restarting`);
}

/** The index of the NATS node that leads the COSTS stream: losing it forces a new election. */
async function costStreamLeader(): Promise<number> {
  const state = await streamState(cluster.ports.nats[0]!.monitor, "COSTS");
  const index = Number(/^nats-(\d+)$/.exec(state?.leader ?? "")?.[1] ?? 0);
  return Number.isInteger(index) ? index : 0;
}

describe("the replicated topology on one machine", () => {
  it("keeps answering while a NATS node, an executor and a ledger go down, and loses or doubles no cost event", async () => {
    const started = performance.now();
    const log: string[] = [];
    const results = await runWithFaults(log);
    const failures = results.filter((result): result is Extract<TrafficResult, { ok: false }> => !result.ok);
    const unclean = failures.filter((failure) => failure.code === undefined || !cleanCodes.has(failure.code) || failure.details === "");

    // Independent tally: the simulator counted every provider call; each is one attempt and one cost event.
    const sim = await simStats(cluster.simUrl);
    const expected = Object.fromEntries(models.map((model) => [model, expectedLine(sim[model], unitCostByModel(results).get(model))]));
    const settled = await Promise.all(ledgers.map((ledger) => awaitSettlement(ledger, expected)));
    const stream = await streamState(cluster.ports.nats[0]!.monitor, "COSTS");
    const budget = (await budgetsOf(ledgers[0]!, "capped", adminKey)).find((status) => status.budgetId === "capped")!;
    const cappedResults = results.filter((result) => result.caller === "capped");
    const cappedRefused = cappedResults.filter((result) => !result.ok && result.code === GrpcStatus.RESOURCE_EXHAUSTED).length;
    const providerCalls = sum(models.map((model) => BigInt(sim[model]?.requests ?? 0)));
    const clean = failures.filter((failure) => !unclean.includes(failure));
    log.unshift(
      `requests sent ${results.length}, succeeded ${results.length - failures.length}, failed cleanly ${clean.length}${describeFailures(clean)}, failed otherwise ${unclean.length}${describeFailures(unclean)}; ` +
        `${Math.round((performance.now() - started) / 1000)} s from first request to settlement`,
      `cost events produced (provider calls the simulator counted) ${providerCalls}, stored in COSTS ${stream?.messages ?? "?"} (with decision records) at R${stream?.replicas ?? "?"}`,
      ...settled.map(
        ({ lines, seconds }, index) => `ledger-${index + 1}: ${describeSettlement(lines, expected)} (${seconds.toFixed(1)} s after the traffic stopped)`,
      ),
      `budget of tenant "capped": ${cappedResults.length} requests, ${cappedResults.filter((result) => result.ok).length} answered, ${cappedRefused} refused RESOURCE_EXHAUSTED; spent ${budget.spentNanoUsd} of ${budget.limitNanoUsd} nano-USD (overshoot ${budget.spentNanoUsd > budget.limitNanoUsd ? budget.spentNanoUsd - budget.limitNanoUsd : 0n}), ${budget.reservedNanoUsd} still reserved`,
    );
    console.log(`cluster test figures:\n  ${log.join("\n  ")}`);

    // A crashed service would pass for clean UNAVAILABLE errors above: every process must still be up.
    expect.soft(await cluster.unexpectedExits(), "service processes that exited on their own (see their logs)").toEqual([]);
    expect.soft(unclean, `failures that are not clean gRPC errors: ${JSON.stringify(unclean.slice(0, 5))}`).toEqual([]);
    expect(new Set(results.filter((result) => result.ok).map((result) => result.router))).toEqual(new Set([0, 1]));
    for (const model of models) expect(sim[model]?.faults, `${model}: simulator faults`).toBe(0);
    for (const [index, { lines }] of settled.entries()) {
      expect(lines, `ledger-${index + 1} must settle exactly the provider calls the simulator counted (fewer: lost; more: counted twice)`).toEqual(expected);
    }
    // COSTS holds one cost event per provider call plus at most one zero-cost decision record per
    // answered request (a record whose publish failed while a NATS node was down is only logged);
    // the ledgers' exact settlement above is what proves nothing was lost or counted twice.
    const answered = results.filter((result) => result.ok).length;
    expect(stream?.replicas).toBe(3);
    expect(stream?.messages ?? 0).toBeGreaterThanOrEqual(Number(providerCalls));
    expect(stream?.messages ?? 0).toBeLessThanOrEqual(Number(providerCalls) + answered);
    expect(cappedRefused, "the traffic must run the capped tenant's budget out").toBeGreaterThan(0);
    expect(budget.spentNanoUsd <= budget.limitNanoUsd, `budget overspent: ${budget.spentNanoUsd} > ${budget.limitNanoUsd}`).toBe(true);
  });
});

/** Sustained traffic through both routers while one NATS server, one executor and one ledger go down and come back. */
async function runWithFaults(log: string[]): Promise<TrafficResult[]> {
  const traffic = startTraffic({
    routers,
    models,
    workers: 6,
    maxRequests: 6_000,
    pauseMs: 10,
    callerFor: (index) => (index % 3 === 2 ? capped : { name: "dev" }),
  });
  const faults = async (): Promise<void> => {
    await traffic.progress(40);
    const leader = await costStreamLeader();
    await outage(
      traffic,
      () => cluster.nats.kill(leader),
      () => cluster.nats.start(leader),
      log,
      `nats-${leader} (COSTS leader) killed -9`,
    );
    await outage(
      traffic,
      () => cluster.stopInstance("executor-1" satisfies InstanceId, "SIGTERM"),
      () => cluster.startInstance("executor-1"),
      log,
      "executor-1 stopped (SIGTERM)",
    );
    await outage(
      traffic,
      () => cluster.stopInstance("ledger-1", "SIGKILL"),
      () => cluster.startInstance("ledger-1"),
      log,
      "ledger-1 killed -9",
    );
    await traffic.progress(40);
  };
  const failed = await faults().then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  const results = await traffic.stop();
  if (failed) throw failed;
  return results;
}

/**
 * Polls a ledger until it reports `expected` or a minute passes, and returns what it reported
 * last, so that a shortfall is reported as a number. A minute leaves room for a consumer that
 * lost its NATS server to notice (missed heartbeats) and resume.
 */
async function awaitSettlement(
  ledger: UnaryCaller,
  expected: Record<string, LedgerLine>,
): Promise<{ lines: Record<string, LedgerLine | undefined>; seconds: number }> {
  const started = Date.now();
  const wanted = JSON.stringify(expected, bigintAsString);
  for (;;) {
    const lines = pick(await ledgerByModel(ledger, adminKey), models);
    if (JSON.stringify(lines, bigintAsString) === wanted || Date.now() - started > 60_000) return { lines, seconds: (Date.now() - started) / 1000 };
    await sleep(250);
  }
}

function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

function describeSettlement(lines: Record<string, LedgerLine | undefined>, expected: Record<string, LedgerLine>): string {
  const settled = sum(models.map((model) => lines[model]?.attempts ?? 0n));
  const wanted = sum(models.map((model) => expected[model]!.attempts));
  const cost = sum(models.map((model) => lines[model]?.costNanoUsd ?? 0n));
  const wantedCost = sum(models.map((model) => expected[model]!.costNanoUsd));
  return `settled ${settled} of ${wanted} cost events, lost ${wanted > settled ? wanted - settled : 0n}, counted twice ${settled > wanted ? settled - wanted : 0n}; ${cost} of ${wantedCost} nano-USD`;
}

/** Failures counted by gRPC code and message (figures in it as N, so one kind counts once), most frequent first. */
function describeFailures(failures: readonly Extract<TrafficResult, { ok: false }>[]): string {
  const counts = new Map<string, number>();
  for (const failure of failures) {
    const key = `${GrpcStatus[failure.code ?? GrpcStatus.UNKNOWN]}: ${failure.details.replace(/\d+/g, "N").slice(0, 80)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const entries = [...counts].sort((left, right) => right[1] - left[1]).map(([key, count]) => `${count}× ${key}`);
  return entries.length > 0 ? ` (${entries.join("; ")})` : "";
}

function sum(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}

/** What one attempt of each model costs, as the routers itemised it; a model's attempts all cost the same here. */
function unitCostByModel(results: readonly TrafficResult[]): Map<string, bigint> {
  const costs = new Map<string, Set<string>>();
  for (const result of results) {
    if (!result.ok) continue;
    for (const attempt of result.attempts) costs.set(attempt.model, (costs.get(attempt.model) ?? new Set()).add(attempt.costNanoUsd));
  }
  for (const [model, seen] of costs) expect([...seen], `${model}: every answer has the same fixed-length prompt and answer`).toHaveLength(1);
  return new Map([...costs].map(([model, seen]) => [model, BigInt([...seen][0]!)]));
}

/** The ledger line the simulator's count implies: one attempt per provider call, each billed at the unit cost. */
function expectedLine(stats: SimModelStats | undefined, unitCost: bigint | undefined): LedgerLine {
  expect(stats, "the simulator saw calls for every model").toBeDefined();
  expect(unitCost, "the routers answered for every model").toBeDefined();
  return { attempts: BigInt(stats!.requests), costNanoUsd: BigInt(stats!.completed) * unitCost! };
}

function pick(lines: Record<string, LedgerLine>, wanted: readonly string[]): Record<string, LedgerLine | undefined> {
  return Object.fromEntries(wanted.map((model) => [model, lines[model]]));
}
