import { Code, ConnectError } from "@connectrpc/connect";
import type { Strategy } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RouteRun } from "./route-run.js";
import type { StrategyResult } from "./strategy-result.js";
import { runAuto } from "./strategies/auto-strategy.js";
import { runCascade } from "./strategies/cascade-strategy.js";
import { runCheapest } from "./strategies/cheapest-strategy.js";
import { runCritique } from "./strategies/critique-strategy.js";
import { runEnsemble } from "./strategies/ensemble-strategy.js";
import { runPinned } from "./strategies/pinned-strategy.js";

/** The strategy's name as recorded on cost events and in responses; no strategy is `auto`. */
export function strategyName(strategy: Strategy | undefined): string {
  return strategy?.kind.case ?? "auto";
}

/** Runs the request's strategy. Quality bars are validated here, before any call. */
export function runStrategy(run: RouteRun, strategy: Strategy | undefined): Promise<StrategyResult> {
  const kind = strategy?.kind ?? { case: undefined };
  const requestBar = qualityBar(run.request.minQuality, "min_quality") ?? run.deps.routing.defaultMinQuality;
  switch (kind.case) {
    case "pinned":
      return runPinned(run, kind.value);
    case "cheapest":
      return runCheapest(run, { minQuality: qualityBar(kind.value.minQuality, "strategy.cheapest.min_quality") ?? requestBar, candidates: kind.value.candidates, label: "cheapest" });
    case "cascade": {
      const threshold = qualityBar(kind.value.threshold, "strategy.cascade.threshold") ?? requestBar;
      return runCascade(run, { chain: kind.value.chain, candidates: kind.value.candidates, minQuality: requestBar, threshold, critics: kind.value.critics, label: "cascade" });
    }
    case "ensemble":
      return runEnsemble(run, kind.value);
    case "critique":
      return runCritique(run, kind.value);
    case "auto":
      return runAuto(run, { minQuality: qualityBar(kind.value.minQuality, "strategy.auto.min_quality") ?? requestBar, candidates: kind.value.candidates });
    default:
      return runAuto(run, { minQuality: requestBar, candidates: [] });
  }
}

/** A quality bar in [0,1], or undefined when unset; anything else is INVALID_ARGUMENT. */
function qualityBar(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!(value >= 0 && value <= 1)) throw new ConnectError(`${field}: must be between 0 and 1, got ${value}`, Code.InvalidArgument);
  return value;
}
