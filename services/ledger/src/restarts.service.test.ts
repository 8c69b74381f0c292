import type { RunningNats } from "@switchyard/stack";
import { startNatsServer } from "@switchyard/stack";
import { jetstreamManager } from "@nats-io/jetstream";
import { connectNats, createLogger } from "@switchyard/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountBucket } from "./accounts/account-store.js";
import { BudgetPeriod, BudgetScope } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { Replica } from "./test-support/ledger-harness.js";
import { costEvent, keys, publishEvent, startReplica, startTestNats, withKey } from "./test-support/ledger-harness.js";
import { publishUntilStored } from "./test-support/retrying-publisher.js";

let nats: RunningNats;
const replicas: Replica[] = [];
const admin = withKey(keys.admin);

beforeAll(async () => {
  nats = await startTestNats();
  replicas.push(await startReplica(nats.url), await startReplica(nats.url));
  await replicas[0]!.client().setBudget({ budget: { tenant: "acme", scope: BudgetScope.TENANT, limitNanoUsd: 10n ** 15n, period: BudgetPeriod.TOTAL } }, admin);
}, 30_000);
afterAll(async () => {
  for (const replica of replicas) await replica.stop();
  await nats?.stop();
});

/** Both views of the books on every replica: the budget counter (KV) and the report (stream). */
async function expectTotals(expected: bigint): Promise<void> {
  for (const replica of replicas) {
    await expect
      .poll(async () => (await replica.client().getBudget({ tenant: "acme" }, admin)).budgets[0]?.spentNanoUsd, { timeout: 30_000, interval: 200 })
      .toBe(expected);
    await expect
      .poll(async () => (await replica.client().report({ tenant: "acme" }, admin)).total?.costNanoUsd, { timeout: 30_000, interval: 200 })
      .toBe(expected);
  }
}

describe("exactly-once settlement through restarts", () => {
  let expected = 0n;

  it("counts duplicates and replays once, and a restarted replica rebuilds the same totals", async () => {
    for (let index = 0; index < 40; index += 1) {
      const event = costEvent(`dup-${index}`, BigInt(1_000 + index));
      expected += event.costNanoUsd;
      await publishEvent(replicas[0]!.link, event);
      if (index % 4 === 0) await publishEvent(replicas[1]!.link, event);
      if (index % 5 === 0) await publishEvent(replicas[1]!.link, event, `${event.eventId}-outside-dedupe-window`);
    }
    await expectTotals(expected);
    await replicas[0]!.stop();
    replicas[0] = await startReplica(nats.url);
    await expectTotals(expected);
  }, 90_000);

  it("loses and doubles nothing when NATS restarts with events in flight", async () => {
    const events = Array.from({ length: 150 }, (_, index) => costEvent(`flight-${index}`, BigInt(7 + index * 13)));
    expected += events.reduce((sum, event) => sum + event.costNanoUsd, 0n);
    const publisher = replicas[1]!.link;
    const publishing = (async () => {
      for (const event of events) await publishUntilStored(publisher, event);
    })();
    await expect.poll(() => replicas[0]!.node.deps.index.size, { timeout: 20_000, interval: 20 }).toBeGreaterThan(60);
    await nats.kill();
    nats = await startNatsServer(nats.options);
    await publishing;
    await expectTotals(expected);
  }, 120_000);

  it("rebuilds the budget counters from the stream when the accounts bucket is lost", async () => {
    for (const replica of replicas.splice(0)) await replica.stop();
    const link = await connectNats({ servers: nats.url, name: "rebuild", logger: createLogger({ service: "test", level: "silent" }) });
    await (await jetstreamManager(link.connection)).streams.delete(`KV_${accountBucket}`);
    await link.drain();
    const seeded = [{ tenant: "acme", scope: "tenant" as const, limitUsd: 10n ** 15n, period: "total" as const, alertThresholds: [] }];
    replicas.push(await startReplica(nats.url, { budgets: seeded }), await startReplica(nats.url, { budgets: seeded }));
    await expectTotals(expected);
  }, 90_000);
});
