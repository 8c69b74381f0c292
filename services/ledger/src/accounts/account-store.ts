import { Kvm } from "@nats-io/kv";
import type { KV } from "@nats-io/kv";
import { JetStreamApiError, jetstream, jetstreamManager, StorageType } from "@nats-io/jetstream";
import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { decodeAccount, emptyAccount, encodeAccount } from "./tenant-account.js";
import type { TenantAccount } from "./tenant-account.js";

/** An account as read, with the position of the bucket a write must still find (0: empty bucket). */
export interface StoredAccount {
  readonly account: TenantAccount;
  /** The bucket stream's last sequence when the account was read. */
  readonly revision: number;
  /** The encoded form, to tell whether a change needs writing at all. */
  readonly text: string;
}

/** Durable, compare-and-set storage of tenant accounts. */
export interface AccountStore {
  /** The account as the stream leader holds it, and the bucket's position it was read at. */
  load(tenant: string): Promise<StoredAccount>;
  /** The bucket's position now (read from the stream leader). */
  position(): Promise<number>;
  /** Tenants that have an account. */
  tenants(): Promise<string[]>;
  /**
   * Writes `text` if nothing at all was written to the bucket since position `revision`, and
   * returns the new position; otherwise throws RevisionConflict.
   */
  save(tenant: string, text: string, revision: number): Promise<number>;
}

const marker = Symbol.for("switchyard.ledger.RevisionConflict");

/** Another writer (a second ledger replica) changed the account since it was read. */
export class RevisionConflict extends Error {
  override readonly name = "RevisionConflict";
  readonly [marker] = true;

  static isInstance(error: unknown): error is RevisionConflict {
    return typeof error === "object" && error !== null && marker in error;
  }
}

/** JetStream API error "wrong last sequence": the compare-and-set lost. */
const wrongLastSequence = 10071;

/** Name of the KV bucket holding tenant accounts. */
export const accountBucket = "LEDGER_ACCOUNTS";

/**
 * Accounts in a JetStream KV bucket (file storage, one revision kept per key). Every write is
 * a compare-and-set on the position of the whole bucket stream (Nats-Expected-Last-Sequence),
 * not on the key's revision: on a replicated stream, nats-server before 2.9.21 (Debian 12
 * ships 2.9.10) only pre-checks a key's expected revision outside Raft, so two writers that
 * read the same revision can both win (nats-io/nats-server#4320), and a grant is silently
 * overwritten. The stream-wide check is made against the leader's sequence including writes
 * still in flight, so of two writers only one wins. Reads go to the stream leader (a direct
 * get may be answered by a follower that lags). The price: writes to different tenants
 * conflict too, so each replica commits one write at a time (see AccountBook).
 */
export async function openAccountStore(connection: NatsConnection, replicas: number): Promise<AccountStore> {
  const bucket = await new Kvm(connection).create(accountBucket, { history: 1, storage: StorageType.File, replicas });
  return createKvAccountStore(bucket, await jetstreamManager(connection), jetstream(connection));
}

/** The store over an opened bucket (listing keys) and its stream (reads and writes). */
export function createKvAccountStore(bucket: KV, manager: JetStreamManager, client: JetStreamClient): AccountStore {
  const stream = `KV_${accountBucket}`;
  const subject = (tenant: string): string => `$KV.${accountBucket}.tenant.${tenant}`;
  const position = async (): Promise<number> => (await manager.streams.info(stream)).state.last_seq;
  return {
    position,
    async load(tenant) {
      // The position first: a write after it makes the later compare-and-set fail, never pass.
      const revision = await position();
      const message = await manager.streams.getMessage(stream, { last_by_subj: subject(tenant) });
      const operation = message?.header?.get("KV-Operation");
      if (!message || (operation !== undefined && operation !== "" && operation !== "PUT")) {
        const account = emptyAccount(tenant);
        return { account, revision, text: encodeAccount(account) };
      }
      const text = message.string();
      return { account: decodeAccount(text), revision, text };
    },
    async tenants() {
      const names: string[] = [];
      for await (const name of await bucket.keys("tenant.*")) names.push(name.slice("tenant.".length));
      return names;
    },
    async save(tenant, text, revision) {
      try {
        return (await client.publish(subject(tenant), text, { expect: { lastSequence: revision } })).seq;
      } catch (error) {
        if (error instanceof JetStreamApiError && error.code === wrongLastSequence)
          throw new RevisionConflict("accounts changed concurrently", { cause: error });
        throw error;
      }
    },
  };
}
