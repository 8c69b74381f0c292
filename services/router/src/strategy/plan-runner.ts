import type { RouteRun } from "../route-run.js";
import type { StrategyResult } from "../strategy-result.js";
import type { GrantedCalls, StrategyPlan } from "./strategy-contract.js";
import { planRequest } from "./strategy-registry.js";

/** A planned request whose budget is held: what it may call, and how to run it. */
export interface HeldPlan {
  readonly plan: StrategyPlan;
  readonly granted: GrantedCalls;
}

/**
 * Plan → budget: the request's strategy plans every call it may make, then the budget gate holds
 * them (or the prefix that fits) before any provider is called. Unary, stream and batch requests
 * all start here, so a stream runs the very plan Complete would. The run releases the hold.
 */
export async function planAndHold(run: RouteRun): Promise<HeldPlan> {
  const plan = await planRequest(run);
  const granted = await run.holdBudget(plan.calls);
  return { plan, granted };
}

/** Plan → budget → execute, for a request that is answered whole. */
export async function runPlanned(run: RouteRun): Promise<StrategyResult> {
  const { plan, granted } = await planAndHold(run);
  return plan.execute(granted);
}
