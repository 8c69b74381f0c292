import { Code, ConnectError } from "@connectrpc/connect";
import type { Strategy } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RouteRun } from "../route-run.js";
import { autoStrategy } from "../strategies/auto-strategy.js";
import { cascadeStrategy } from "../strategies/cascade-strategy.js";
import { cheapestStrategy } from "../strategies/cheapest-strategy.js";
import { critiqueStrategy } from "../strategies/critique-strategy.js";
import { ensembleStrategy } from "../strategies/ensemble-strategy.js";
import { pinnedStrategy } from "../strategies/pinned-strategy.js";
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
export function planRequest(run: RouteRun, registry: StrategyRegistry = strategies): Promise<StrategyPlan> {
  // The request's own bar is checked whichever strategy runs, before anything is called.
  requestBar(run);
  const kind = run.request.strategy?.kind ?? { case: undefined };
  if (kind.case === undefined) return registry.auto.plan(run, undefined);
  if (!Object.hasOwn(registry, kind.case)) throw new ConnectError(`strategy: unknown strategy "${String(kind.case)}"`, Code.InvalidArgument);
  return planCase(registry, run, kind);
}

function planCase<K extends StrategyCase>(registry: StrategyRegistry, run: RouteRun, kind: { readonly case: K; readonly value: Parameters<StrategyRegistry[K]["plan"]>[1] }): Promise<StrategyPlan> {
  const strategy: StrategyRegistry[K] = registry[kind.case];
  return strategy.plan(run, kind.value);
}
