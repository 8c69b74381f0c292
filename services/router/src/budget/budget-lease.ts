import { Code, ConnectError } from "@connectrpc/connect";
import type { Lease } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { requestHeaders } from "@switchyard/runtime";
import type { Logger } from "@switchyard/runtime";
import type { BudgetCharge, LeaseKey, LeaseLedger, LeaseSettings } from "./lease-settings.js";

/** A lease as this replica spends it. */
interface HeldLease {
  readonly id: string;
  /** The lease's size at the ledger (billed included). */
  amountNanoUsd: bigint;
  /** Local deadline: the send time of the last acquire or renew plus the TTL (never later than the ledger's). */
  expiresAt: number;
  /** What finished requests billed under it (actual cost, from their attempts). */
  billedNanoUsd: bigint;
  billedTokens: bigint;
  /** Holds of requests in flight under it. */
  heldNanoUsd: bigint;
  /**
   * What the ledger settled against it: more than billed when this replica never saw an answer
   * whose attempt was billed (a caller that hung up), so room is counted from the larger one.
   */
  settledNanoUsd: bigint;
}

/** A request admitted under a lease: settle it with what its attempts billed. */
export interface LeaseTicket {
  readonly leaseId: string;
  finish(billedNanoUsd: bigint, billedTokens: bigint): void;
}

/** What a lease holder needs. */
export interface BudgetLeaseDeps {
  readonly key: LeaseKey;
  readonly ledger: LeaseLedger;
  readonly settings: LeaseSettings;
  /** This replica's holder id; a lease generation is appended to it. */
  readonly holderId: string;
  readonly logger: Logger;
  readonly now: () => number;
}

/**
 * One replica's lease for one budget key. Requests are admitted locally while the lease has
 * room for their holds; the lease is acquired, grown and renewed ahead of need (a request
 * waits only when the lease is out of room), and given back when idle. Near the end of the
 * budget (what is left, in the lease and outside it, is under what the requests in flight
 * could cost at worst) it shrinks to what is in use and `admit` answers undefined: the caller
 * reserves that request exactly, per request, in the ledger.
 */
export class BudgetLease {
  readonly #deps: BudgetLeaseDeps;
  #lease: HeldLease | undefined;
  #generation = 0;
  /** Least remaining outside every hold, as the ledger last said; -1: no budget applies. */
  #remainingNanoUsd: bigint | undefined;
  #perRequestCapNanoUsd: bigint | undefined;
  /** Worst cases of every request of this key in flight, and holds of those reserved exactly. */
  #worstInFlight = 0n;
  #heldExact = 0n;
  #inFlight = 0;
  /** Holds of requests waiting for the lease to grow. */
  #demand = 0n;
  #lastUsed = 0;
  #refresh: Promise<void> = Promise.resolve();
  #refreshing = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(deps: BudgetLeaseDeps) {
    this.#deps = deps;
  }

  /** The smallest per-request cap of the budgets that apply, when the ledger named one. */
  get perRequestCapNanoUsd(): bigint | undefined {
    return this.#perRequestCapNanoUsd;
  }

  /** The lease id held now, if any (for tests and metrics). */
  get leaseId(): string | undefined {
    return this.#lease?.id;
  }

  /** Admits a request under the lease, or undefined: reserve it exactly instead. */
  async admit(charge: BudgetCharge): Promise<LeaseTicket | undefined> {
    this.#lastUsed = this.#deps.now();
    for (let round = 0; round < 3; round += 1) {
      const lease = this.#usable();
      if (lease && this.#tight(lease, charge)) {
        await this.#shrink(lease);
        return undefined;
      }
      if (lease && roomOf(lease) >= charge.holdNanoUsd) return this.#take(lease, charge);
      if (this.#remainingNanoUsd === 0n && round > 0) return undefined;
      this.#demand += charge.holdNanoUsd;
      try {
        await this.#grow();
      } finally {
        this.#demand -= charge.holdNanoUsd;
      }
    }
    return undefined;
  }

  /** Counts a request reserved exactly (its worst case is in flight too); call the result when it ends. */
  trackExact(charge: BudgetCharge): () => void {
    this.#worstInFlight += charge.worstNanoUsd;
    this.#heldExact += charge.holdNanoUsd;
    this.#inFlight += 1;
    return () => {
      this.#worstInFlight -= charge.worstNanoUsd;
      this.#heldExact -= charge.holdNanoUsd;
      this.#inFlight -= 1;
      this.#lastUsed = this.#deps.now();
    };
  }

  /** Gives the lease back (idle, or the replica is stopping): what was billed stays held until settled. */
  async giveBack(): Promise<void> {
    await this.#refresh;
    const lease = this.#lease;
    this.#drop();
    if (!lease) return;
    try {
      await this.#deps.ledger.returnLease(
        { leaseId: lease.id, incurredCostNanoUsd: lease.billedNanoUsd, incurredTokens: lease.billedTokens },
        this.#callOptions(),
      );
    } catch (error) {
      this.#deps.logger.warn({ leaseId: lease.id, error: ConnectError.from(error).rawMessage }, "lease return failed; it expires by TTL");
    }
  }

  /** True when nothing is in flight and the lease has not been used for the idle time. */
  idle(): boolean {
    return this.#inFlight === 0 && this.#deps.now() - this.#lastUsed >= this.#deps.settings.idleMs;
  }

  #usable(): HeldLease | undefined {
    const lease = this.#lease;
    if (!lease) return undefined;
    const safetyMs = Math.min(2_000, (this.#deps.settings.ttlSeconds * 1_000) / 4);
    return this.#deps.now() < lease.expiresAt - safetyMs ? lease : undefined;
  }

  /** What is left in the lease and outside it cannot cover the worst case of everything in flight. */
  #tight(lease: HeldLease, charge: BudgetCharge): boolean {
    const remaining = this.#remainingNanoUsd;
    if (remaining === undefined || remaining < 0n) return false;
    const covered = lease.amountNanoUsd - spentOf(lease) + remaining + this.#heldExact;
    return this.#worstInFlight + charge.worstNanoUsd > covered;
  }

  #take(lease: HeldLease, charge: BudgetCharge): LeaseTicket {
    lease.heldNanoUsd += charge.holdNanoUsd;
    this.#worstInFlight += charge.worstNanoUsd;
    this.#inFlight += 1;
    if (roomOf(lease) < this.#deps.settings.sliceNanoUsd / 4n) void this.#grow();
    let finished = false;
    return {
      leaseId: lease.id,
      finish: (billedNanoUsd, billedTokens) => {
        if (finished) return;
        finished = true;
        lease.heldNanoUsd -= charge.holdNanoUsd;
        lease.billedNanoUsd += billedNanoUsd;
        lease.billedTokens += billedTokens;
        this.#worstInFlight -= charge.worstNanoUsd;
        this.#inFlight -= 1;
        this.#lastUsed = this.#deps.now();
      },
    };
  }

  /** Acquires or grows the lease; one ledger call at a time, requests waiting share it. */
  #grow(): Promise<void> {
    if (this.#refreshing > 0) return this.#refresh;
    return this.#queue(() => this.#growNow());
  }

  #shrink(lease: HeldLease): Promise<void> {
    const inUse = spentOf(lease) + lease.heldNanoUsd;
    if (lease.amountNanoUsd <= inUse) return this.#refresh;
    lease.amountNanoUsd = inUse;
    return this.#queue(() => this.#renew(lease, inUse));
  }

  #queue(work: () => Promise<void>): Promise<void> {
    this.#refreshing += 1;
    const next = this.#refresh
      .then(work)
      .catch((error: unknown) => this.#failed(error))
      .finally(() => {
        this.#refreshing -= 1;
      });
    this.#refresh = next;
    return next;
  }

  /** Renews the lease at the size the load asks for (never smaller), or acquires one of that size. */
  async #growNow(): Promise<void> {
    const lease = this.#usable();
    const room = this.#deps.settings.sliceNanoUsd + 2n * ((lease?.heldNanoUsd ?? 0n) + this.#demand);
    if (lease) {
      const wanted = spentOf(lease) + lease.heldNanoUsd + room;
      return this.#renew(lease, wanted > lease.amountNanoUsd ? wanted : lease.amountNanoUsd);
    }
    // A lease past its local deadline is never acquired again under its id (its late events
    // would shrink the new one): it is shrunk to what its requests in flight hold, and left to expire.
    const stale = this.#lease;
    if (stale) {
      this.#drop();
      void this.#release(stale);
    }
    const sentAt = this.#deps.now();
    const { key, settings } = this.#deps;
    const response = await this.#deps.ledger.acquireLease(
      {
        tenant: key.tenant,
        apiKeyId: key.apiKeyId,
        project: key.project,
        taskType: key.taskType,
        holderId: `${this.#deps.holderId}#${this.#generation}`,
        amountNanoUsd: room,
        ttlSeconds: settings.ttlSeconds,
      },
      this.#callOptions(),
    );
    this.#adopt(response.lease, sentAt);
  }

  async #renew(lease: HeldLease, amountNanoUsd: bigint): Promise<void> {
    const sentAt = this.#deps.now();
    const response = await this.#deps.ledger.renewLease(
      {
        leaseId: lease.id,
        amountNanoUsd,
        incurredCostNanoUsd: lease.billedNanoUsd,
        incurredTokens: lease.billedTokens,
        ttlSeconds: this.#deps.settings.ttlSeconds,
      },
      this.#callOptions(),
    );
    if (this.#lease === lease) this.#adopt(response.lease, sentAt);
  }

  /** Frees a stale lease's room at the ledger, keeping what was billed and what is in flight held. */
  async #release(stale: HeldLease): Promise<void> {
    try {
      await this.#deps.ledger.renewLease(
        {
          leaseId: stale.id,
          amountNanoUsd: spentOf(stale) + stale.heldNanoUsd,
          incurredCostNanoUsd: stale.billedNanoUsd,
          incurredTokens: stale.billedTokens,
          ttlSeconds: this.#deps.settings.ttlSeconds,
        },
        this.#callOptions(),
      );
    } catch (error) {
      this.#deps.logger.debug({ leaseId: stale.id, error: ConnectError.from(error).rawMessage }, "a stale lease could not be shrunk; it expires by TTL");
    }
  }

  #adopt(granted: Lease | undefined, sentAt: number): void {
    if (!granted) throw new ConnectError("the ledger answered without a lease", Code.Internal);
    const expiresAt = sentAt + this.#deps.settings.ttlSeconds * 1_000;
    const lease = this.#lease?.id === granted.leaseId ? this.#lease : undefined;
    if (lease) {
      lease.amountNanoUsd = granted.amountNanoUsd;
      lease.expiresAt = expiresAt;
      lease.settledNanoUsd = granted.settledNanoUsd;
    } else {
      this.#lease = {
        id: granted.leaseId,
        amountNanoUsd: granted.amountNanoUsd,
        expiresAt,
        billedNanoUsd: 0n,
        billedTokens: 0n,
        heldNanoUsd: 0n,
        settledNanoUsd: granted.settledNanoUsd,
      };
      this.#startTimer();
    }
    this.#remainingNanoUsd = granted.remainingNanoUsd;
    const caps = granted.budgets.flatMap((status) => (status.budget?.perRequestCapNanoUsd === undefined ? [] : [status.budget.perRequestCapNanoUsd]));
    this.#perRequestCapNanoUsd = caps.length === 0 ? undefined : caps.reduce((least, cap) => (cap < least ? cap : least));
  }

  #failed(error: unknown): void {
    const failure = ConnectError.from(error);
    if (failure.code === Code.ResourceExhausted) this.#remainingNanoUsd = 0n;
    // Expired or returned elsewhere: its events still count as spend; the next acquire starts a new lease.
    if (failure.code === Code.NotFound) this.#drop();
    this.#deps.logger.debug({ tenant: this.#deps.key.tenant, code: Code[failure.code], error: failure.rawMessage }, "lease call failed");
  }

  #drop(): void {
    if (this.#lease) this.#generation += 1;
    this.#lease = undefined;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Renews every third of the TTL (or idle time, if shorter) while in use; gives the lease back once idle. */
  #startTimer(): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(
      () => {
        if (this.idle()) void this.giveBack();
        else if (this.#lease) void this.#grow();
      },
      Math.min((this.#deps.settings.ttlSeconds * 1_000) / 3, this.#deps.settings.idleMs),
    );
    this.#timer.unref();
  }

  #callOptions(): { timeoutMs: number; headers: Record<string, string> } {
    const { key, settings } = this.#deps;
    const headers: Record<string, string> = { [requestHeaders.tenant]: key.tenant };
    if (key.apiKeyId) headers[requestHeaders.apiKeyId] = key.apiKeyId;
    return { timeoutMs: settings.callTimeoutMs, headers };
  }
}

function roomOf(lease: HeldLease): bigint {
  return lease.amountNanoUsd - spentOf(lease) - lease.heldNanoUsd;
}

function spentOf(lease: HeldLease): bigint {
  return lease.settledNanoUsd > lease.billedNanoUsd ? lease.settledNanoUsd : lease.billedNanoUsd;
}
