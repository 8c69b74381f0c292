import { describe, expect, it } from "vitest";
import type { RoutingTable } from "./routing-table.js";
import { oraclePolicy, summariseRouting } from "./routing-table.js";

// Two prompts, models A (cost 1) and B (cost 10). A is right on prompt 1 only, B on both; the
// predictions are perfect, so the router sends prompt 1 to A and prompt 2 to B.
const table: RoutingTable = {
  models: ["A", "B"],
  prompts: 2,
  quality: Float64Array.from([1, 1, 0, 1]),
  cost: Float64Array.from([1, 10, 1, 10]),
  predicted: Float64Array.from([0.9, 0.8, 0.1, 0.9]),
  estimatedCost: Float64Array.from([1, 10, 1, 10]),
};

describe("routing summary", () => {
  it("finds the oracle: best quality at the cheapest model that reaches it", () => {
    expect(oraclePolicy(table)).toEqual({ name: "oracle", quality: 1, cost: 5.5 });
  });

  it("matches the best single model at 55% of its cost and computes AIQ on a hand-worked case", () => {
    const summary = summariseRouting(table);
    expect(summary.best_single_model).toBe("B");
    expect(summary.best_single_quality).toBe(1);
    expect(summary.best_single_cost).toBe(10);
    expect(summary.router_quality_at_best_single_cost).toBeCloseTo(1, 12);
    // Hull (1, 0.5) -> (5.5, 1): quality 1 is first reached at cost 5.5.
    expect(summary.router_cost_fraction_at_best_single_quality).toBeCloseTo(0.55, 12);
    // AIQ over [1, 10]: mean 0.75 on [1, 5.5], 1 on [5.5, 10] -> (3.375 + 4.5) / 9.
    expect(summary.aiq).toBeCloseTo(0.875, 12);
    expect(summary.oracle_quality).toBe(1);
    expect(summary.baselines.map((baseline) => baseline.name)).toEqual(["random", "always-cheapest (A)", "always-best-single (B)", "oracle"]);
  });
});
