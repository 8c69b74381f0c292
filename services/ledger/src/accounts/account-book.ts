import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError } from "@connectrpc/connect";
import type { BudgetAlert } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { Logger } from "@switchyard/runtime";
import { RevisionConflict } from "./account-store.js";
import type { AccountStore, StoredAccount } from "./account-store.js";
import type { RuleClock } from "./budget-usage.js";
import { pruneReservations } from "./reservation-rules.js";
import { encodeAccount } from "./tenant-account.js";
import type { TenantAccount } from "./tenant-account.js";

/** A change to one account. It must validate before mutating: a throw leaves the draft as it was. */
export type AccountChange<T> = (account: TenantAccount, clock: RuleClock, alerts: BudgetAlert[]) => T;

/** Options for AccountBook. */
export interface AccountBookOptions {
  readonly store: AccountStore;
  readonly now: () => number;
  readonly defaultZone: string;
  /** Publishes alerts before the change that raised them is committed (deduplicated by alert id). */
  readonly publishAlerts: (alerts: readonly BudgetAlert[]) => Promise<void>;
  readonly logger: Logger;
  /** Most changes committed in one write. */
  readonly maxBatch?: number;
}

interface Pending {
  readonly change: AccountChange<unknown>;
  /** Durable changes (settlements) are retried through outages until they commit. */
  readonly durable: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** An account as this replica last read or wrote it. */
type KnownAccount = Pick<StoredAccount, "account" | "text">;

/** Accounts known to be current while the bucket stands at `position`. */
interface BucketView {
  position: number;
  readonly accounts: Map<string, KnownAccount>;
}

/**
 * Serialises changes per tenant and commits them in groups: every change queued while a write
 * is in flight goes into the next compare-and-set write, so a burst costs a few KV writes, not
 * one each. On a conflict (another replica wrote) the group is re-applied to the fresh
 * account, so every decision is made against the state it is committed over. Writes check
 * the position of the whole bucket (see openAccountStore), so this replica's writes go one at
 * a time, and the accounts it caches are trusted only while the bucket is where its own last
 * write or read left it.
 */
export class AccountBook {
  readonly #options: AccountBookOptions;
  readonly #queues = new Map<string, Pending[]>();
  /** What this replica knows of the bucket; undefined until read, and after any doubt. */
  #view: BucketView | undefined;
  /** Writes of this replica, one at a time. */
  #lane: Promise<unknown> = Promise.resolve();
  #stopped = false;
  /** Revision conflicts seen (two replicas writing one account), for metrics and benchmarks. */
  conflicts = 0;

  constructor(options: AccountBookOptions) {
    this.#options = options;
  }

  /** Applies `change` to the tenant's account and resolves once it is durable. */
  change<T>(tenant: string, change: AccountChange<T>, durable = false): Promise<T> {
    if (this.#stopped) return Promise.reject(new ConnectError("ledger is shutting down", Code.Unavailable));
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { change, durable, resolve: resolve, reject };
      const queue = this.#queues.get(tenant);
      if (queue) {
        queue.push(pending);
        return;
      }
      this.#queues.set(tenant, [pending]);
      void this.#drain(tenant);
    });
  }

  /** The tenant's account as stored now (fresh from the store, not this replica's cache). */
  async read(tenant: string): Promise<TenantAccount> {
    return (await this.#options.store.load(tenant)).account;
  }

  /** Tenants that have an account. */
  tenants(): Promise<string[]> {
    return this.#options.store.tenants();
  }

  /** The clock the rules run on. */
  clock(): RuleClock {
    return { now: this.#options.now(), defaultZone: this.#options.defaultZone };
  }

  /** Refuses new changes and gives up on retries of queued ones. */
  stop(): void {
    this.#stopped = true;
  }

  async #drain(tenant: string): Promise<void> {
    const queue = this.#queues.get(tenant) ?? [];
    try {
      while (queue.length > 0) await this.#commit(tenant, queue.splice(0, this.#options.maxBatch ?? 512));
    } finally {
      this.#queues.delete(tenant);
    }
  }

  async #commit(tenant: string, group: Pending[]): Promise<void> {
    let batch = group;
    for (let failures = 0; batch.length > 0; ) {
      if (this.#stopped) return batch.forEach((pending) => pending.reject(new ConnectError("ledger is shutting down", Code.Unavailable)));
      try {
        const outcomes = await this.#exclusive(() => this.#applyAndWrite(tenant, batch));
        batch.forEach((pending, index) => settleOutcome(pending, outcomes[index]!));
        return;
      } catch (error) {
        this.#view = undefined;
        if (RevisionConflict.isInstance(error)) {
          this.conflicts += 1;
          continue;
        }
        batch.filter((pending) => !pending.durable).forEach((pending) => pending.reject(error));
        batch = batch.filter((pending) => pending.durable);
        failures += 1;
        if (batch.length > 0) this.#options.logger.warn({ err: error, tenant, failures }, "account write failed, retrying settlements");
        await sleep(Math.min(2_000, 50 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#lane.then(work, work);
    this.#lane = run.catch(() => undefined);
    return run;
  }

  /**
   * The tenant's account and the view it belongs to: from the view when it holds the account,
   * else read from the store. A read that finds the bucket moved starts a new, empty view.
   */
  async #entry(tenant: string): Promise<{ view: BucketView; entry: KnownAccount; cached: boolean }> {
    const known = this.#view?.accounts.get(tenant);
    if (this.#view && known) return { view: this.#view, entry: known, cached: true };
    const stored = await this.#options.store.load(tenant);
    if (this.#view?.position !== stored.revision) this.#view = { position: stored.revision, accounts: new Map() };
    return { view: this.#view, entry: stored, cached: false };
  }

  /**
   * A change that writes nothing (a refusal, a Release of an unknown id) was decided on the
   * cached account, and another replica may have written since: its answer is given only once
   * the bucket is confirmed to be where the view was; otherwise the group is decided again.
   */
  async #confirmCurrent(view: BucketView): Promise<void> {
    if ((await this.#options.store.position()) === view.position) return;
    throw new RevisionConflict("accounts changed since they were cached");
  }

  async #applyAndWrite(tenant: string, batch: readonly Pending[]): Promise<Outcome[]> {
    const { view, entry, cached } = await this.#entry(tenant);
    const draft = structuredClone(entry.account);
    const clock = this.clock();
    pruneReservations(draft, clock.now);
    const alerts: BudgetAlert[] = [];
    const outcomes = batch.map((pending): Outcome => {
      try {
        return { ok: true, value: pending.change(draft, clock, alerts) };
      } catch (error) {
        return { ok: false, error };
      }
    });
    if (alerts.length > 0) await this.#options.publishAlerts(alerts);
    const text = encodeAccount(draft);
    if (text === entry.text && cached && batch.some((pending) => !pending.durable)) await this.#confirmCurrent(view);
    // A write checks that nothing else moved the bucket, so every account in the view stays current.
    if (text !== entry.text) view.position = await this.#options.store.save(tenant, text, view.position);
    view.accounts.set(tenant, { account: draft, text });
    return outcomes;
  }
}

function settleOutcome(pending: Pending, outcome: Outcome): void {
  if (outcome.ok) pending.resolve(outcome.value);
  else pending.reject(outcome.error);
}
