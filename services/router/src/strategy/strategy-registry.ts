import { Code, ConnectError } from "@connectrpc/connect";
import type { Strategy } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RouteRun } from "../route-run.js";
import { autoStrategy } from "../strategies/auto-strategy.js";
import { cascadeStrategy } from "../strategies/cascade-strategy.js";
import { cheapestStrategy } from "../strategies/cheapest-strategy.js";
import { critiqueStrategy } from "../strategies/critique-strategy.js";
import { ensembleStrategy } from "../strategies/ensemble-strategy.js";
import { pinnedStrategy } from "../strategies/pinned-strategy.js";
import { rulePlan } from "../rules/rule-plan.js";
import { ruleFor, validateTaskType } from "../rules/task-rules.js";
import { checkPlanWindows } from "../split/context-window.js";
import { planSplit } from "../split/split-plan.js";
import { splitRequested } from "../split/split-request.js";
import { requestBar } from "./quality-bar.js";
import type { StrategyCase, StrategyPlan, StrategyRegistry } from "./strategy-contract.js";

/** Every strategy the router runs, one per case of the proto's `Strategy.kind`. */
export const strategies: StrategyRegistry = {
  pinned: pinnedStrategy,
  cheapest: cheapestStrategy,
  cascade: cascadeStrategy,
  ensemble: ensembleStrategy,
  critique: critiqueStrategy,
  auto: autoStrategy,
};

/** The strategy's name as recorded on cost events and in responses; no strategy is `auto`. */
export function strategyName(strategy: Strategy | undefined): string {
  return strategy?.kind.case ?? "auto";
}

/**
 * Plans the request with its strategy (none means `auto` with the request's defaults). A case
 * this router does not know is INVALID_ARGUMENT, never run as something else.
 */
export async function planRequest(run: RouteRun, registry: StrategyRegistry = strategies): Promise<StrategyPlan> {
  // The request's own bar is checked whichever strategy runs, before anything is called.
  requestBar(run);
  validateTaskType(run.request);
  // A split picks its model with the strategy and checks its own windows (split/split-plan.ts).
  const split = splitRequested(run.request);
  if (split) return planSplit(run, split);
  const kind = run.request.strategy?.kind ?? { case: undefined };
  if (kind.case === undefined) {
    // No strategy: the declared task type's rule, if there is one, else auto.
    const rule = ruleFor(run.deps.routing, run.request);
    return windowChecked(run, await (rule ? rulePlan(run, rule) : registry.auto.plan(run, undefined)), false);
  }
  if (!Object.hasOwn(registry, kind.case)) throw new ConnectError(`strategy: unknown strategy "${String(kind.case)}"`, Code.InvalidArgument);
  return windowChecked(run, await planCase(registry, run, kind), namedModels.has(kind.case));
}

/** Strategies whose caller named every model: one that is too small refuses the request. */
const namedModels = new Set<StrategyCase>(["pinned", "ensemble", "critique"]);

function windowChecked(run: RouteRun, plan: StrategyPlan, strict: boolean): StrategyPlan {
  checkPlanWindows(run, plan.calls, strict);
  return plan;
}

function planCase<K extends StrategyCase>(
  registry: StrategyRegistry,
  run: RouteRun,
  kind: { readonly case: K; readonly value: Parameters<StrategyRegistry[K]["plan"]>[1] },
): Promise<StrategyPlan> {
  const strategy: StrategyRegistry[K] = registry[kind.case];
  return strategy.plan(run, kind.value);
}
