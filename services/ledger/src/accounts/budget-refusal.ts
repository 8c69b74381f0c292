const marker = Symbol.for("switchyard.ledger.BudgetRefusal");

/** Why a reservation was refused; becomes RESOURCE_EXHAUSTED with a BudgetExceeded detail. */
export interface RefusalFacts {
  readonly budgetId: string;
  readonly limitNanoUsd: bigint;
  readonly remainingNanoUsd: bigint;
  readonly requestedNanoUsd: bigint;
  /** Undefined for a budget that never resets ("total"). */
  readonly resetsAt: number | undefined;
  readonly reason: string;
}

/** A budget would be passed. Thrown by the account rules, mapped once at the RPC edge. */
export class BudgetRefusal extends Error {
  override readonly name = "BudgetRefusal";
  readonly [marker] = true;

  constructor(readonly facts: RefusalFacts) {
    super(`budget "${facts.budgetId}" refused: ${facts.reason}`);
  }

  /** Marker-based guard: `instanceof` is not trusted across package copies. */
  static isInstance(error: unknown): error is BudgetRefusal {
    return typeof error === "object" && error !== null && marker in error;
  }
}
