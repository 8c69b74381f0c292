import type { Client } from "@connectrpc/connect";
import type { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";

/** The ledger RPCs a lease holder uses. */
export type LeaseLedger = Pick<Client<typeof LedgerService>, "acquireLease" | "renewLease" | "returnLease">;

/**
 * What a lease is held for: the budgets of one tenant, API key, project and task type. Every
 * request spent under a lease counts against the same budgets, so a lease's room is the least
 * any of them has left (a task type with its own budget never borrows the tenant's room).
 */
export interface LeaseKey {
  readonly tenant: string;
  readonly apiKeyId: string;
  readonly project: string;
  readonly taskType: string;
}

/** How a router replica holds its leases (router config: BUDGET_LEASE_*). */
export interface LeaseSettings {
  /** A lease grows by at least this much, ahead of need. */
  readonly sliceNanoUsd: bigint;
  /** Lifetime the ledger gives a lease; it is renewed every third of it while in use. */
  readonly ttlSeconds: number;
  /** A lease unused this long, with nothing in flight, goes back to the ledger. */
  readonly idleMs: number;
  /** Timeout of one lease RPC. */
  readonly callTimeoutMs: number;
  /**
   * Most that the calibrated holds of one tenant's requests in flight on this replica may be
   * under their worst cases, summed (the overshoot bound, ledger README). Zero: every request
   * holds its worst case.
   */
  readonly exposureCapNanoUsd: bigint;
}

/** One request's charge: what it holds, and the most it may cost. */
export interface BudgetCharge {
  readonly holdNanoUsd: bigint;
  readonly worstNanoUsd: bigint;
}

/** The key as one map key. */
export function leaseKeyId(key: LeaseKey): string {
  return `${key.tenant}\u0000${key.apiKeyId}\u0000${key.project}\u0000${key.taskType}`;
}
