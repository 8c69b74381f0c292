import type { ServiceImpl } from "@connectrpc/connect";
import type { CriticService } from "@switchyard/contracts/switchyard/v1/critic_pb";
import type { CriticDeps } from "./critic-deps.js";
import type { CriticMetrics } from "./critic-metrics.js";
import { runCritique } from "./run-critique.js";
import { runJudge } from "./run-judge.js";

export type { CriticDeps } from "./critic-deps.js";

/** CriticService: concurrent critiques of one answer, and judging among candidate answers. */
export function createCriticService(deps: CriticDeps, metrics: CriticMetrics): ServiceImpl<typeof CriticService> {
  return {
    critique: (request, context) => runCritique(deps, metrics, request, context),
    judge: (request, context) => runJudge(deps, metrics, request, context),
  };
}
