import type { RouteRun } from "../route-run.js";
import type { GrantedCalls, PlannedCall } from "../strategy/strategy-contract.js";

/**
 * Holds budget for a plan before any provider is called. The runner asks once per request with
 * every call the plan may make; the gate grants the whole plan or the prefix of it that fits,
 * and refuses with RESOURCE_EXHAUSTED (the ledger's BudgetExceeded in the details) when not
 * even the first call fits.
 */
export interface BudgetGate {
  hold(run: RouteRun, calls: readonly PlannedCall[]): Promise<BudgetHold>;
}

/** What a request holds until it ends. */
export interface BudgetHold extends GrantedCalls {
  /**
   * Ends the hold once the request is done: what its attempts billed stays counted until their
   * cost events settle it; the rest is freed. Never throws.
   */
  release(): Promise<void>;
}
