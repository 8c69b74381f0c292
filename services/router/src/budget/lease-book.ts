import type { Logger } from "@switchyard/runtime";
import { BudgetLease } from "./budget-lease.js";
import type { BudgetCharge, LeaseKey, LeaseLedger, LeaseSettings } from "./lease-settings.js";
import { leaseKeyId } from "./lease-settings.js";

/** What the lease book needs. */
export interface LeaseBookDeps {
  readonly ledger: LeaseLedger;
  readonly settings: LeaseSettings;
  /** Unique per process start (a restarted replica never reuses a lease id). */
  readonly holderId: string;
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * A replica's budget leases, one per budget key, and the exposure of each tenant: how far the
 * calibrated holds of its requests in flight are under their worst cases. A request whose
 * exposure would pass the cap holds its worst case instead, so that however long the answers
 * turn out, one replica can take a tenant's budgets past their limits by at most the cap.
 */
export class LeaseBook {
  readonly #deps: LeaseBookDeps;
  readonly #now: () => number;
  readonly #leases = new Map<string, BudgetLease>();
  readonly #exposure = new Map<string, bigint>();
  #sweptAt = 0;

  constructor(deps: LeaseBookDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** The lease holder of a key (created on first use). */
  lease(key: LeaseKey): BudgetLease {
    this.#forgetIdle();
    const id = leaseKeyId(key);
    let lease = this.#leases.get(id);
    if (!lease) {
      const { ledger, settings, holderId, logger } = this.#deps;
      lease = new BudgetLease({ key, ledger, settings, holderId, logger, now: this.#now });
      this.#leases.set(id, lease);
    }
    return lease;
  }

  /** How many budget keys the book holds state for (their leases held or not). */
  get size(): number {
    return this.#leases.size;
  }

  /**
   * Forgets, at most once per idle time, the keys whose leases went back to the ledger and saw
   * no request since: a replica's memory follows the keys in use, not every tenant, key,
   * project and task type it ever served.
   */
  #forgetIdle(): void {
    const now = this.#now();
    if (now - this.#sweptAt < this.#deps.settings.idleMs) return;
    this.#sweptAt = now;
    for (const [id, lease] of this.#leases) {
      if (lease.leaseId === undefined && lease.idle()) this.#leases.delete(id);
    }
  }

  /**
   * The charge a request makes: its calibrated hold while the tenant's exposure has room for
   * the difference to its worst case, else its worst case. Call `release` when it ends.
   */
  charge(tenant: string, holdNanoUsd: bigint, worstNanoUsd: bigint): { charge: BudgetCharge; release: () => void } {
    const gap = worstNanoUsd > holdNanoUsd ? worstNanoUsd - holdNanoUsd : 0n;
    const exposed = this.#exposure.get(tenant) ?? 0n;
    if (gap === 0n || exposed + gap > this.#deps.settings.exposureCapNanoUsd) {
      return { charge: { holdNanoUsd: worstNanoUsd, worstNanoUsd }, release: () => undefined };
    }
    this.#exposure.set(tenant, exposed + gap);
    let released = false;
    return {
      charge: { holdNanoUsd, worstNanoUsd },
      release: () => {
        if (released) return;
        released = true;
        const left = (this.#exposure.get(tenant) ?? gap) - gap;
        if (left === 0n) this.#exposure.delete(tenant);
        else this.#exposure.set(tenant, left);
      },
    };
  }

  /** Gives every lease back (the replica is stopping, after its requests drained). */
  async giveBackAll(): Promise<void> {
    await Promise.all([...this.#leases.values()].map((lease) => lease.giveBack()));
  }
}
