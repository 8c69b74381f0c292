import type { RouteRun } from "../route-run.js";

/** The model with the highest configured price among `models` (the default judge/synthesizer). */
export function priciestModel(run: RouteRun, models: readonly string[]): string {
  return [...models].sort((left, right) => {
    const difference = run.estimate(right).maxCostNanoUsd - run.estimate(left).maxCostNanoUsd;
    return difference > 0n ? 1 : difference < 0n ? -1 : 0;
  })[0]!;
}
