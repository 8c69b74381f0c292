import { Code, ConnectError } from "@connectrpc/connect";
import { BudgetPeriod, BudgetScope } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { RunningNatsCluster } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Replica } from "./test-support/ledger-harness.js";
import { costEvent, keys, publishEvent, startReplica, startTestNatsCluster, withKey } from "./test-support/ledger-harness.js";

// Two replicas on different nodes of a three-node NATS cluster, the accounts bucket at R3: the
// production shape, where a compare-and-set on one KV key is not serialisable on nats-server
// before 2.9.21 (nats-io/nats-server#4320) and so cannot be what keeps two grants apart.
let cluster: RunningNatsCluster;
let first: Replica;
let second: Replica;
const admin = withKey(keys.admin);
const globex = withKey(keys.globex);
const acme = withKey(keys.acme);
const hooli = withKey(keys.hooli);

beforeAll(async () => {
  cluster = await startTestNatsCluster();
  first = await startReplica(cluster.urls[0]!, { replicas: 3 });
  second = await startReplica(cluster.urls[1]!, { replicas: 3 });
}, 60_000);
afterAll(async () => {
  await first?.stop();
  await second?.stop();
  await cluster?.stopAll();
});

const reserveAll = (count: number, tenant: { headers: Record<string, string> }, prefix: string, amount: bigint): Promise<(string | ConnectError)[]> =>
  Promise.all(
    Array.from({ length: count }, (_, index) =>
      (index % 2 === 0 ? first : second)
        .client()
        .reserve({ requestId: `${prefix}-${index}`, estimatedMaxCostNanoUsd: amount }, tenant)
        .then(
          (response) => response.reservationId,
          (error: unknown) => ConnectError.from(error),
        ),
    ),
  );

describe("two ledger replicas on a replicated NATS cluster", () => {
  it("grants at most what the budget holds while both replicas write the same account and another tenant's at once", async () => {
    await first.client().setBudget({ budget: { tenant: "globex", scope: BudgetScope.TENANT, limitNanoUsd: 50_000n, period: BudgetPeriod.TOTAL } }, admin);
    await first.client().setBudget({ budget: { tenant: "acme", scope: BudgetScope.TENANT, limitNanoUsd: 30_000n, period: BudgetPeriod.TOTAL } }, admin);
    // Settlements of a third flow land on both replicas' write paths while the bursts run.
    const settlements = Array.from({ length: 40 }, (_, index) => publishEvent(first.link, costEvent(`r3-background-${index}`, 10n, { tenant: "acme" })));
    const [globexOutcomes, acmeOutcomes] = await Promise.all([
      reserveAll(200, globex, "r3-burst", 1_000n),
      reserveAll(120, acme, "r3-acme", 1_000n),
      ...settlements,
    ]);
    for (const [outcomes, fits] of [
      [globexOutcomes, 50],
      [acmeOutcomes, 29],
    ] as const) {
      const refused = outcomes.filter((outcome): outcome is ConnectError => outcome instanceof ConnectError);
      expect(refused.map((error) => error.code).filter((code) => code !== Code.ResourceExhausted)).toEqual([]);
      expect(outcomes.length - refused.length).toBe(fits);
    }
    await expect.poll(() => heldOf("globex")).toBe(50_000n);
  }, 60_000);

  it("loses no grant when the replicas write one account in lockstep, round after round", async () => {
    await first.client().setBudget({ budget: { tenant: "hooli", scope: BudgetScope.TENANT, limitNanoUsd: 100_000n, period: BudgetPeriod.TOTAL } }, admin);
    let granted = 0;
    for (let round = 0; round < 80; round += 1) {
      const outcomes = await Promise.all(
        [first, second].map((replica, index) =>
          replica
            .client()
            .reserve({ requestId: `lockstep-${round}-${index}`, estimatedMaxCostNanoUsd: 1_000n }, hooli)
            .then(
              () => 1,
              (error: unknown) => refusedAsZero(error),
            ),
        ),
      );
      granted += outcomes[0]! + outcomes[1]!;
    }
    // Every grant still holds its 1_000: a grant overwritten by the other replica's write would be missing here.
    expect(granted).toBe(100);
    expect(await heldOf("hooli")).toBe(100_000n);
  }, 60_000);
});

describe("two ledger replicas on a replicated NATS cluster, at full tilt", () => {
  it("keeps every grant and every release while both replicas write one account from many callers", async () => {
    await first.client().setBudget({ budget: { tenant: "hooli", scope: BudgetScope.TENANT, limitNanoUsd: 10n ** 15n, period: BudgetPeriod.TOTAL } }, admin);
    const heldBefore = await heldOf("hooli");
    const lostGrants: string[] = [];
    const worker = async (replica: Replica, name: string): Promise<void> => {
      for (let index = 0; index < 25; index += 1) {
        const { reservationId } = await replica.client().reserve({ requestId: `tilt-${name}-${index}`, estimatedMaxCostNanoUsd: 1_000n }, hooli);
        const other = replica === first ? second : first;
        const { released } = await other.client().release({ reservationId }, hooli);
        if (!released) lostGrants.push(reservationId);
      }
    };
    await Promise.all(Array.from({ length: 32 }, (_, index) => worker(index % 2 === 0 ? first : second, String(index))));
    // A grant overwritten by the other replica's write is unknown to its Release; an overwritten Release leaves a hold.
    expect(lostGrants).toEqual([]);
    expect(await heldOf("hooli")).toBe(heldBefore);
  }, 60_000);
});

/** A budget refusal counts as no grant; any other failure fails the test. */
function refusedAsZero(error: unknown): number {
  const failure = ConnectError.from(error);
  if (failure.code === Code.ResourceExhausted) return 0;
  throw failure;
}

async function heldOf(tenant: string): Promise<bigint | undefined> {
  return (await first.client().getBudget({ tenant }, admin)).budgets.find((status) => status.budgetId === tenant)?.reservedNanoUsd;
}
