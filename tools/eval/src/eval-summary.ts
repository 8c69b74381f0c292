import { formatUsd } from "@switchyard/runtime";
import { recordedCost } from "./recorded-cost.js";
import type { RoutingRecord } from "./routing-data.js";

/** What the router did with one prompt. */
export interface PromptResult {
  readonly record: RoutingRecord;
  /** The model whose answer came back; undefined when the request failed. */
  readonly answeredBy: string | undefined;
  /** Every model called (billed attempts), in order. */
  readonly calledModels: readonly string[];
  /** Wall time of the RPC minus the time the simulated provider took. */
  readonly overheadMs: number;
}

/** The evaluation's figures; `toJson` gives the last line the checks read. */
export interface EvalSummary {
  readonly n_prompts: number;
  readonly strategy: string;
  readonly quality: number;
  readonly cost_usd: number;
  readonly best_single_model: string;
  readonly best_single_quality: number;
  readonly best_single_cost_usd: number;
  readonly oracle_quality: number;
  readonly calls_per_prompt: number;
  readonly p50_overhead_ms: number;
  readonly failed: number;
}

/**
 * Quality is the recorded quality of the answer that came back (0 for a failed request or a
 * model with no recorded outcome); cost is the recorded cost of every model the router called.
 * The best single model is the one with the highest mean recorded quality over these prompts.
 */
export function summarise(strategy: string, results: readonly PromptResult[], prices: ReadonlyMap<string, bigint>): EvalSummary {
  const n = results.length;
  const quality = mean(results.map((result) => (result.answeredBy ? (result.record.outcomes[result.answeredBy]?.quality ?? 0) : 0)));
  const cost = results.reduce(
    (sum, result) => sum + result.calledModels.reduce((each, model) => each + recordedCost(result.record, model, prices.get(model) ?? 0n), 0n),
    0n,
  );
  const best = bestSingle(results, prices);
  return {
    n_prompts: n,
    strategy,
    quality: round(quality),
    cost_usd: usd(cost),
    best_single_model: best.model,
    best_single_quality: round(best.quality),
    best_single_cost_usd: usd(best.cost),
    oracle_quality: round(mean(results.map((result) => Math.max(...Object.values(result.record.outcomes).map((outcome) => outcome.quality))))),
    calls_per_prompt: round(mean(results.map((result) => result.calledModels.length))),
    p50_overhead_ms: round(median(results.map((result) => result.overheadMs))),
    failed: results.filter((result) => !result.answeredBy).length,
  };
}

function bestSingle(results: readonly PromptResult[], prices: ReadonlyMap<string, bigint>): { model: string; quality: number; cost: bigint } {
  const models = [...prices.keys()];
  const scored = models.map((model) => ({
    model,
    quality: mean(results.map((result) => result.record.outcomes[model]?.quality ?? 0)),
    cost: results.reduce((sum, result) => sum + recordedCost(result.record, model, prices.get(model) ?? 0n), 0n),
  }));
  return scored.sort((left, right) => right.quality - left.quality || (left.cost < right.cost ? -1 : 1))[0] ?? { model: "", quality: 0, cost: 0n };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Nano-USD as a JSON number of dollars (the summary line is read by scripts, not billed). */
function usd(nanoUsd: bigint): number {
  return Number(formatUsd(nanoUsd));
}
