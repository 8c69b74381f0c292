import { expectedCalibrationError } from "../metrics/probability-metrics.js";
import { LogitOffsetLearner } from "../model/logit-offset-learner.js";
import type { RoutingTable } from "../metrics/routing-table.js";

/** How the online router trades quality for cost and explores. */
export interface OnlinePolicy {
  /** Quality given up per unit of (estimated cost / the prompt's dearest estimate). */
  readonly costWeight: number;
  /**
   * Optimism in standard deviations: the bonus is this times the posterior spread of the
   * model's estimate (in probability), so it fades as outcomes accumulate.
   */
  readonly exploration: number;
}

export const defaultOnlinePolicy: OnlinePolicy = { costWeight: 0.02, exploration: 0.5 };

/** Cumulative figures after `outcomes` prompts of the stream. */
export interface OnlineCheckpoint {
  readonly outcomes: number;
  readonly quality: number;
  readonly cost: number;
  /** The best fixed model over the same prompts (highest mean quality, in hindsight). */
  readonly bestFixedModel: string;
  readonly bestFixedQuality: number;
  readonly bestFixedCost: number;
}

export interface OnlineReport {
  readonly checkpoints: readonly OnlineCheckpoint[];
  /** Prompts after the first `warmup` outcomes: the router against the best fixed model there. */
  readonly afterWarmup:
    | {
        readonly warmup: number;
        readonly quality: number;
        readonly cost: number;
        readonly bestFixedModel: string;
        readonly bestFixedQuality: number;
        readonly bestFixedCost: number;
      }
    | undefined;
  /** Share of prompts each model answered. */
  readonly shares: ReadonlyMap<string, number>;
  /**
   * ECE of the feedback-adjusted estimates of every candidate (called or not) on the prompts
   * after the warm-up, each made before that prompt's outcome was learnt: whether the
   * probabilities the router sees mean what they say once a deployment has fed back outcomes.
   */
  readonly eceAfterWarmup: number | undefined;
}

/**
 * Streams the table's prompts in order: per prompt the router picks the model maximising its
 * feedback-adjusted predicted quality plus an exploration bonus minus a price of cost, pays the
 * observed cost, then learns the chosen model's observed quality (bandit feedback: only what was
 * called is seen). Reports cumulative quality and cost against the best fixed model.
 */
export function onlineReplay(table: RoutingTable, policy: OnlinePolicy = defaultOnlinePolicy, warmup = 200): OnlineReport {
  const count = table.models.length;
  const estimates = new ContextualEstimates();
  const chosen = new Int32Array(table.prompts);
  const marks = new Set([50, 100, 200, 500, 1000, 2000, table.prompts]);
  const checkpoints: OnlineCheckpoint[] = [];
  let quality = 0;
  let cost = 0;
  const estimated: number[] = [];
  const observed: number[] = [];
  for (let prompt = 0; prompt < table.prompts; prompt += 1) {
    if (prompt >= warmup)
      for (let model = 0; model < count; model += 1) {
        estimated.push(estimates.predict(table.models[model] ?? "", table.contexts?.[prompt] ?? "", table.predicted[prompt * count + model] ?? 0.5));
        observed.push(table.quality[prompt * count + model] ?? 0);
      }
    const pick = choose(table, prompt, estimates, policy);
    const cell = prompt * count + pick;
    chosen[prompt] = pick;
    quality += table.quality[cell] ?? 0;
    cost += table.cost[cell] ?? 0;
    estimates.observe(table.models[pick] ?? "", table.contexts?.[prompt] ?? "", table.predicted[cell] ?? 0.5, table.quality[cell] ?? 0);
    if (marks.has(prompt + 1))
      checkpoints.push({ outcomes: prompt + 1, quality: quality / (prompt + 1), cost: cost / (prompt + 1), ...bestFixed(table, 0, prompt + 1) });
  }
  return {
    checkpoints,
    afterWarmup: table.prompts > warmup ? afterWarmup(table, chosen, warmup) : undefined,
    shares: shares(table, chosen),
    eceAfterWarmup: estimated.length > 0 ? expectedCalibrationError(estimated, observed) : undefined,
  };
}

/**
 * A contextual learner: a logit offset per model, and on top of it one per model and context
 * (the prompt's inferred task family), so a model good at code and poor at maths is learnt as
 * such while a context it has not been seen in falls back to the model's level.
 */
class ContextualEstimates {
  private readonly learner = new LogitOffsetLearner();

  predict(model: string, context: string, base: number): number {
    return this.learner.predict([model, `${model}|${context}`], base);
  }

  /** The estimate `optimism` posterior standard deviations up (in logit space). */
  optimistic(model: string, context: string, base: number, optimism: number): number {
    return this.learner.optimistic([model, `${model}|${context}`], base, optimism);
  }

  observe(model: string, context: string, base: number, quality: number): void {
    this.learner.observe([model, `${model}|${context}`], base, quality);
  }
}

/** The model with the best optimistic value net of the price of cost; ties go to the cheaper. */
function choose(table: RoutingTable, prompt: number, estimates: ContextualEstimates, policy: OnlinePolicy): number {
  const count = table.models.length;
  let dearest = 0;
  for (let model = 0; model < count; model += 1) dearest = Math.max(dearest, table.estimatedCost[prompt * count + model] ?? 0);
  let best = 0;
  let bestValue = -Infinity;
  for (let model = 0; model < count; model += 1) {
    const name = table.models[model] ?? "";
    const cell = prompt * count + model;
    const context = table.contexts?.[prompt] ?? "";
    const base = table.predicted[cell] ?? 0.5;
    const price = dearest > 0 ? (policy.costWeight * (table.estimatedCost[cell] ?? 0)) / dearest : 0;
    const value = estimates.optimistic(name, context, base, policy.exploration) - price;
    const cheaper = (table.estimatedCost[cell] ?? 0) < (table.estimatedCost[prompt * count + best] ?? 0);
    if (value > bestValue || (value === bestValue && cheaper)) {
      bestValue = value;
      best = model;
    }
  }
  return best;
}

function bestFixed(table: RoutingTable, from: number, to: number): { bestFixedModel: string; bestFixedQuality: number; bestFixedCost: number } {
  const count = table.models.length;
  let result = { bestFixedModel: "", bestFixedQuality: -1, bestFixedCost: 0 };
  for (let model = 0; model < count; model += 1) {
    let quality = 0;
    let cost = 0;
    for (let prompt = from; prompt < to; prompt += 1) {
      quality += table.quality[prompt * count + model] ?? 0;
      cost += table.cost[prompt * count + model] ?? 0;
    }
    const n = Math.max(1, to - from);
    if (quality / n > result.bestFixedQuality) result = { bestFixedModel: table.models[model] ?? "", bestFixedQuality: quality / n, bestFixedCost: cost / n };
  }
  return result;
}

function afterWarmup(table: RoutingTable, chosen: Int32Array, warmup: number): NonNullable<OnlineReport["afterWarmup"]> {
  const count = table.models.length;
  let quality = 0;
  let cost = 0;
  for (let prompt = warmup; prompt < table.prompts; prompt += 1) {
    const cell = prompt * count + (chosen[prompt] ?? 0);
    quality += table.quality[cell] ?? 0;
    cost += table.cost[cell] ?? 0;
  }
  const n = table.prompts - warmup;
  return { warmup, quality: quality / n, cost: cost / n, ...bestFixed(table, warmup, table.prompts) };
}

function shares(table: RoutingTable, chosen: Int32Array): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pick of chosen) counts.set(table.models[pick] ?? "", (counts.get(table.models[pick] ?? "") ?? 0) + 1);
  return new Map([...counts].map(([model, n]) => [model, n / Math.max(1, table.prompts)]));
}
