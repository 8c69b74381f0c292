import type { Logger } from "@switchyard/runtime";
import type { Coordination, DeploymentGuards } from "./deployment-guards.js";
import { createDeploymentGuards } from "./deployment-guards.js";
import type { ModelDeployment } from "./model-deployments.js";

/** A deployment with the guards that protect it: what the call path works on. */
export interface ServedModel {
  readonly deployment: ModelDeployment;
  readonly guards: DeploymentGuards;
}

/** Puts every deployment behind its guards. */
export function createServedModels(
  deployments: ReadonlyMap<string, ModelDeployment>,
  coordination: Coordination,
  nowMs: () => number,
  logger: Logger,
): Map<string, ServedModel> {
  return new Map(
    [...deployments].map(([model, deployment]) => [model, { deployment, guards: createDeploymentGuards(deployment, coordination, nowMs, logger) }]),
  );
}
