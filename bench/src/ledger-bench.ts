// `npm run bench:ledger`: Reserve throughput and latency with one and two ledger replicas
// sharing one tenant's budget, settlement throughput of cost events, and replay speed. Real
// processes (services/ledger/dist) and a real nats-server on free ports; prints medians.
import { join } from "node:path";
import { create, toBinary } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { costSubject } from "@switchyard/runtime";
import { benchAdminKey, startLedgerBenchCluster } from "./ledger-bench-cluster.js";
import type { LedgerBenchCluster, LedgerReplica } from "./ledger-bench-cluster.js";
import { median, quantile, runLanes } from "./ledger-bench-stats.js";

const rootDir = join(import.meta.dirname, "../..");
const runs = 3;
const reservationsPerRun = 3_000;
const concurrency = 64;
const eventsPerRun = 5_000;
const admin = { headers: { authorization: `Bearer ${benchAdminKey}` } };

interface ReserveFigures {
  perSecond: number;
  p50: number;
  p99: number;
}

/** One run: `reservationsPerRun` Reserve+Release cycles on one tenant, spread over the replicas. */
async function reserveRun(replicas: readonly LedgerReplica[], tenant: string, run: number): Promise<ReserveFigures> {
  const latencies: number[] = [];
  const mesh = { headers: { "x-switchyard-tenant": tenant } };
  const wallMs = await runLanes(reservationsPerRun, concurrency, async (item) => {
    const client = replicas[item % replicas.length]!.client;
    const started = performance.now();
    const reserved = await client.reserve({ requestId: `bench-${run}-${item}`, estimatedMaxCostNanoUsd: 1_000n }, mesh);
    latencies.push(performance.now() - started);
    await client.release({ reservationId: reserved.reservationId }, mesh);
  });
  return { perSecond: (reservationsPerRun / wallMs) * 1_000, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

/** Publishes `eventsPerRun` events and times until every replica's budget shows them all settled. */
async function settlementRun(cluster: LedgerBenchCluster, replicas: readonly LedgerReplica[], tenant: string, run: number): Promise<number> {
  const connection = await connect({ servers: cluster.nats.url });
  const client = jetstream(connection);
  const spentBefore = await spentOf(replicas[0]!, tenant);
  let total = 0n;
  const started = performance.now();
  await runLanes(eventsPerRun, 256, async (item) => {
    const cost = BigInt(100 + (item % 900));
    total += cost;
    const event = create(CostEventSchema, {
      eventId: `settle-${tenant}-${run}-${item}`,
      tenant,
      model: "small",
      costNanoUsd: cost,
      billed: true,
      occurredAt: timestampFromMs(Date.now()),
    });
    await client.publish(costSubject(tenant), toBinary(CostEventSchema, event), { msgID: event.eventId });
  });
  for (const replica of replicas) while ((await spentOf(replica, tenant)) !== spentBefore + total) await new Promise((resolve) => setTimeout(resolve, 20));
  await connection.close();
  return (eventsPerRun / (performance.now() - started)) * 1_000;
}

async function spentOf(replica: LedgerReplica, tenant: string): Promise<bigint> {
  return (await replica.client.getBudget({ tenant }, admin)).budgets[0]?.spentNanoUsd ?? 0n;
}

function summary(figures: readonly ReserveFigures[]): string {
  const pick = (field: keyof ReserveFigures): number => median(figures.map((each) => each[field]));
  return `${pick("perSecond").toFixed(0)} reservations/s, p50 ${pick("p50").toFixed(2)} ms, p99 ${pick("p99").toFixed(2)} ms`;
}

async function scenario(
  cluster: LedgerBenchCluster,
  replicas: readonly LedgerReplica[],
  label: string,
  tenants: { reserve: string; settle: string },
): Promise<void> {
  await reserveRun(replicas, tenants.reserve, -1);
  const reserveFigures: ReserveFigures[] = [];
  for (let run = 0; run < runs; run += 1) reserveFigures.push(await reserveRun(replicas, tenants.reserve, run));
  console.log(`${label}  Reserve+Release (${reservationsPerRun} per run, ${concurrency} concurrent, one tenant): ${summary(reserveFigures)}`);
  const settled: number[] = [];
  for (let run = 0; run < runs; run += 1) settled.push(await settlementRun(cluster, replicas, tenants.settle, run));
  console.log(`${label}  settlement (${eventsPerRun} events per run, until every replica's budget shows them): ${median(settled).toFixed(0)} events/s`);
}

const cluster = await startLedgerBenchCluster(rootDir);
try {
  console.log(`ledger benchmark: ${runs} runs per figure, medians; nats-server ${cluster.nats.url}`);
  const first = await cluster.startReplica("ledger-1");
  await scenario(cluster, [first], "1 replica ", { reserve: "r1", settle: "s1" });
  const second = await cluster.startReplica("ledger-2");
  await scenario(cluster, [first, second], "2 replicas", { reserve: "r2", settle: "s2" });
  const replayStarted = performance.now();
  await cluster.startReplica("ledger-3");
  const replayed = 2 * runs * eventsPerRun;
  console.log(`replay     a new replica rebuilt ${replayed} events from the stream and turned SERVING in ${(performance.now() - replayStarted).toFixed(0)} ms`);
} finally {
  await cluster.stop();
}
