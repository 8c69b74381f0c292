import { Code, ConnectError } from "@connectrpc/connect";
import type { ScoreResponse } from "@switchyard/contracts/switchyard/v1/selector_pb";
import type { CallEstimate } from "@switchyard/pricing";
import { selectorConfidence } from "./answer-signals.js";
import { requireUsableModel } from "./model-access.js";
import type { RouteRun } from "./route-run.js";
import { windowFit, windowRefusal } from "./split/context-window.js";

/** A model the router may call, with what the selector predicts and what a call may cost. */
export interface ScoredCandidate {
  readonly model: string;
  /** Calibrated probability that the model answers this prompt well. */
  readonly predictedQuality: number;
  readonly confidence: number;
  readonly estimate: CallEstimate;
  readonly contextWindow: number;
}

/** A candidate's calibrated chance of answering well, shrunk towards 0.5 as the selector's confidence falls. */
export function calibratedQuality(candidate: ScoredCandidate): number {
  return selectorConfidence(candidate.predictedQuality, candidate.confidence);
}

const tierPrior: Record<string, number> = { small: 0.45, medium: 0.6, large: 0.75 };

/**
 * Scores `names` (or every model the tenant may use) with the selector and returns them
 * cheapest first. If the selector cannot answer, routing degrades to tier priors with zero
 * confidence rather than failing the request; the response then reports no selector version.
 * A `tier` keeps only the models of that tier (`models.<name>.tier`). Models whose window cannot
 * hold the input are skipped, unless `windows` is "any" (a split cuts the input to the window).
 */
export async function scoreCandidates(
  run: RouteRun,
  names: readonly string[],
  field: string,
  tier = "",
  windows: "skip-too-small" | "any" = "skip-too-small",
): Promise<ScoredCandidate[]> {
  const named = names.length > 0 ? [...names] : usableModels(run);
  if (named.length === 0) throw new ConnectError(`${field}: no model is available to tenant "${run.caller.tenant}"`, Code.FailedPrecondition);
  named.forEach((model, index) => requireUsableModel(run.deps.access, run.caller.tenant, model, `${field}[${index}]`));
  const models = ofTier(run, named, tier, field.replace(/\.candidates$/, ".tier"));
  const scores = await selectorScores(run, models);
  const scored = (windows === "any" ? models : fitting(run, models))
    .map((model) => {
      const score = scores?.scores.find((each) => each.model === model);
      const config = run.deps.access.models[model]!;
      return {
        model,
        predictedQuality: score?.predictedQuality ?? tierPrior[config.tier ?? "medium"] ?? 0.5,
        confidence: score?.confidence ?? 0,
        estimate: run.estimate(model),
        contextWindow: config.contextWindow,
      };
    })
    .sort((left, right) => compareBigint(left.estimate.maxCostNanoUsd, right.estimate.maxCostNanoUsd) || right.predictedQuality - left.predictedQuality);
  run.decision.consider(
    scored.map((candidate) => ({
      model: candidate.model,
      predictedQuality: candidate.predictedQuality,
      confidence: candidate.confidence,
      expectedCostNanoUsd: scores?.scores.find((each) => each.model === candidate.model)?.estimatedCostNanoUsd ?? candidate.estimate.maxCostNanoUsd,
      source: scores?.scores.find((each) => each.model === candidate.model)?.source || "tier_prior",
    })),
  );
  return scored;
}

/** The models of `tier` (all when it is empty); none of it: FAILED_PRECONDITION naming the tiers there are. */
function ofTier(run: RouteRun, models: readonly string[], tier: string, field: string): string[] {
  if (tier === "") return [...models];
  const kept = models.filter((model) => run.deps.access.models[model]?.tier === tier);
  if (kept.length > 0) return kept;
  const tiers = [...new Set(models.map((model) => run.deps.access.models[model]?.tier).filter((each) => each !== undefined))].sort();
  throw new ConnectError(`${field}: no candidate model of tier "${tier}" (tiers among them: ${tiers.join(", ") || "none"})`, Code.FailedPrecondition);
}

/** The models whose window holds the input (too small ones are skipped); none: FAILED_PRECONDITION. */
function fitting(run: RouteRun, models: readonly string[]): string[] {
  const fits = models.map((model) => windowFit(run, model, run.estimate(model).inputTokens));
  const usable = fits.filter((fit) => fit.fits).map((fit) => fit.model);
  if (usable.length === 0) throw windowRefusal(fits);
  return usable;
}

async function selectorScores(run: RouteRun, models: string[]): Promise<ScoreResponse | undefined> {
  try {
    const hints = { taskType: run.request.taskType };
    const response = await run.deps.selector.score({ messages: run.request.messages, candidateModels: models, hints }, run.callOptions());
    // A task type the caller declared wins over the one the selector inferred.
    run.taskType = run.request.taskType || response.taskType;
    run.complexity = response.complexity;
    run.selectorVersion = response.selectorVersion;
    return response;
  } catch (error) {
    const failure = ConnectError.from(error);
    if (failure.code === Code.Canceled || failure.code === Code.DeadlineExceeded) throw failure;
    run.deps.logger.warn({ code: failure.code, error: failure.rawMessage }, "selector unavailable, routing on tier priors");
    return undefined;
  }
}

function usableModels(run: RouteRun): string[] {
  const allowed = run.deps.access.tenants[run.caller.tenant]?.allowedModels;
  return Object.keys(run.deps.access.models).filter((model) => !allowed || allowed.includes(model));
}

function compareBigint(left: bigint, right: bigint): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
