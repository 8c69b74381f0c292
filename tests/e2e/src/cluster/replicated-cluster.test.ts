import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status as GrpcStatus } from "@grpc/grpc-js";
import type { InstanceId, RunningCluster } from "@switchyard/stack";
import { startLocalCluster } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LedgerLine, SimModelStats } from "../support/accounting.js";
import { ledgerByModel, simStats, streamState } from "../support/accounting.js";
import type { UnaryCaller } from "../support/grpc-js-client.js";
import { grpcJsClient } from "../support/grpc-js-client.js";
import { repositoryRoot } from "../support/stack-fixture.js";
import type { Traffic, TrafficResult } from "../support/traffic.js";
import { startTraffic } from "../support/traffic.js";

const models = ["sim-small", "sim-medium"];
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
  log.push(`${what}: ${traffic.succeeded() - before} requests succeeded while it was down or restarting`);
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
    const traffic = startTraffic({ routers, models, workers: 6, maxRequests: 6_000, pauseMs: 10 });
    const log: string[] = [];
    await traffic.progress(40);
    const leader = await costStreamLeader();
    await outage(traffic, () => cluster.nats.kill(leader), () => cluster.nats.start(leader), log, `nats-${leader} (COSTS leader) killed -9`);
    await outage(traffic, () => cluster.stopInstance("executor-1" satisfies InstanceId, "SIGTERM"), () => cluster.startInstance("executor-1"), log, "executor-1 stopped (SIGTERM)");
    await outage(traffic, () => cluster.stopInstance("ledger-1", "SIGKILL"), () => cluster.startInstance("ledger-1"), log, "ledger-1 killed -9");
    await traffic.progress(40);
    const results = await traffic.stop();

    const failures = results.filter((result): result is Extract<TrafficResult, { ok: false }> => !result.ok);
    const succeeded = results.length - failures.length;
    const unclean = failures.filter((failure) => failure.code === undefined || !cleanCodes.has(failure.code) || failure.details === "");
    expect.soft(unclean, `failures that are not clean gRPC errors: ${JSON.stringify(unclean.slice(0, 5))}`).toEqual([]);
    expect(new Set(results.filter((result) => result.ok).map((result) => result.router))).toEqual(new Set([0, 1]));

    // Independent tally: the simulator counted every provider call; each is one attempt and one cost event.
    const sim = await simStats(cluster.simUrl);
    const unitCost = unitCostByModel(results);
    const expected = Object.fromEntries(models.map((model) => [model, expectedLine(sim[model], unitCost.get(model))]));
    for (const model of models) {
      expect(sim[model]?.faults, `${model}: simulator faults`).toBe(0);
    }
    for (const [index, ledger] of ledgers.entries()) {
      const message = `ledger-${index + 1} must settle exactly the provider calls the simulator counted (fewer: cost events lost; more: counted twice)`;
      await expect.poll(async () => pick(await ledgerByModel(ledger), models), { timeout: 30_000, interval: 250, message }).toEqual(expected);
      log.push(`ledger-${index + 1} settled ${describeLines(expected)}`);
    }
    const stream = await streamState(cluster.ports.nats[0]!.monitor, "COSTS");
    const attempts = models.reduce((sum, model) => sum + (sim[model]?.requests ?? 0), 0);
    expect(stream).toMatchObject({ messages: attempts, replicas: 3 });

    log.unshift(
      `requests sent ${results.length}, succeeded ${succeeded}, failed cleanly ${failures.length} ` +
        `(${[...new Set(failures.map((failure) => GrpcStatus[failure.code ?? 2]))].join(", ") || "none"}); ` +
        `provider attempts ${attempts}, cost events in COSTS ${stream?.messages}, lost 0, counted twice 0; ` +
        `${Math.round((performance.now() - started) / 1000)} s of traffic and faults`,
    );
    console.log(`cluster test figures:\n  ${log.join("\n  ")}`);
  });
});

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

function describeLines(lines: Record<string, LedgerLine>): string {
  return Object.entries(lines).map(([model, line]) => `${model}: ${line.attempts} attempts, ${line.costNanoUsd} nano-USD`).join("; ");
}
