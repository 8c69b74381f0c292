import { connect } from "@nats-io/transport-node";
import type { NatsConnection } from "@nats-io/transport-node";
import type { RunningNatsCluster } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestNatsCluster } from "../test-support/ledger-harness.js";
import { openAccountStore, RevisionConflict } from "./account-store.js";
import type { AccountStore } from "./account-store.js";
import { emptyAccount, encodeAccount } from "./tenant-account.js";

let cluster: RunningNatsCluster;
let connections: NatsConnection[];
let stores: AccountStore[];

beforeAll(async () => {
  cluster = await startTestNatsCluster();
  connections = await Promise.all(cluster.urls.map((url) => connect({ servers: url })));
  stores = [];
  for (const connection of connections) stores.push(await openAccountStore(connection, 3));
}, 60_000);
afterAll(async () => {
  await Promise.all((connections ?? []).map((connection) => connection.close()));
  await cluster?.stopAll();
});

/** An account text that names who wrote it and when. */
function accountText(round: number, writer: number): string {
  return encodeAccount({ ...emptyAccount("race"), appliedSeq: round * 10 + writer });
}

describe("the account store on a three-node cluster (R3)", () => {
  it("lets exactly one of several writers that read the same position commit, round after round", async () => {
    const winners: number[] = [];
    for (let round = 1; round <= 40; round += 1) {
      // Each store reads through a different node, then all write at once from what they read.
      const read = await Promise.all(stores.map((store) => store.load("race")));
      const outcomes = await Promise.allSettled(
        stores.flatMap((store, index) => [0, 1].map((copy) => store.save("race", accountText(round, index * 2 + copy), read[index]!.revision))),
      );
      const rejected = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : []));
      expect(
        rejected.every((reason) => RevisionConflict.isInstance(reason)),
        String(rejected.find((reason) => !RevisionConflict.isInstance(reason))),
      ).toBe(true);
      winners.push(outcomes.length - rejected.length);
    }
    expect(
      winners.every((count) => count === 1),
      `writers committed per round: ${winners.join(",")}`,
    ).toBe(true);
  }, 60_000);

  it("refuses a write when another tenant's account was written since the read", async () => {
    const [store] = stores;
    const read = await store!.load("quiet");
    await store!.save("busy", encodeAccount(emptyAccount("busy")), read.revision);
    await expect(store!.save("quiet", encodeAccount(emptyAccount("quiet")), read.revision)).rejects.toSatisfy(RevisionConflict.isInstance);
    const reread = await store!.load("quiet");
    expect(reread.revision).toBeGreaterThan(read.revision);
    await expect(store!.save("quiet", encodeAccount(emptyAccount("quiet")), reread.revision)).resolves.toBeGreaterThan(reread.revision);
  });

  it("reads back what was committed, from the stream leader, on every node", async () => {
    const position = await stores[0]!.position();
    const written = accountText(99, 9);
    const committed = await stores[0]!.save("race", written, position);
    for (const store of stores) {
      const read = await store.load("race");
      expect(read.text).toBe(written);
      expect(read.revision).toBeGreaterThanOrEqual(committed);
    }
  });
});
