import { Kvm } from "@nats-io/kv";
import type { KV } from "@nats-io/kv";
import { JetStreamApiError, StorageType } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { decodeAccount, emptyAccount, encodeAccount } from "./tenant-account.js";
import type { TenantAccount } from "./tenant-account.js";

/** An account as read, with the KV revision a write must match (0: no entry yet). */
export interface StoredAccount {
  readonly account: TenantAccount;
  readonly revision: number;
  /** The encoded form, to tell whether a change needs writing at all. */
  readonly text: string;
}

/** Durable, revision-checked storage of tenant accounts. */
export interface AccountStore {
  load(tenant: string): Promise<StoredAccount>;
  /** Tenants that have an account. */
  tenants(): Promise<string[]>;
  /** Writes `encodeAccount(account)` if the stored revision is still `revision`; else RevisionConflict. */
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
 * Accounts in a JetStream KV bucket (file storage, one revision kept per key): `create` for a
 * new tenant and `update(value, revision)` afterwards, so two replicas can never both commit a
 * change based on the same state.
 */
export async function openAccountStore(connection: NatsConnection, replicas: number): Promise<AccountStore> {
  const bucket = await new Kvm(connection).create(accountBucket, { history: 1, storage: StorageType.File, replicas });
  return createKvAccountStore(bucket);
}

/** The store over an opened bucket. */
export function createKvAccountStore(bucket: KV): AccountStore {
  const key = (tenant: string): string => `tenant.${tenant}`;
  return {
    async load(tenant) {
      const entry = await bucket.get(key(tenant));
      if (!entry || entry.operation !== "PUT") {
        const account = emptyAccount(tenant);
        return { account, revision: entry?.revision ?? 0, text: encodeAccount(account) };
      }
      const text = entry.string();
      return { account: decodeAccount(text), revision: entry.revision, text };
    },
    async tenants() {
      const names: string[] = [];
      for await (const name of await bucket.keys("tenant.*")) names.push(name.slice("tenant.".length));
      return names;
    },
    async save(tenant, text, revision) {
      try {
        return revision === 0 ? await bucket.create(key(tenant), text) : await bucket.update(key(tenant), text, revision);
      } catch (error) {
        if (error instanceof JetStreamApiError && error.code === wrongLastSequence) throw new RevisionConflict("account changed concurrently", { cause: error });
        throw error;
      }
    },
  };
}
