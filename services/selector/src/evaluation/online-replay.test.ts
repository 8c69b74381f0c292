import { describe, expect, it } from "vitest";
import type { RoutingTable } from "../metrics/routing-table.js";
import { onlineReplay } from "./online-replay.js";

/** Two models over `prompts` prompts: predictions say "cheap" is as good, outcomes say it never is. */
function table(prompts: number): RoutingTable {
  const size = prompts * 2;
  const quality = new Float64Array(size);
  const cost = new Float64Array(size);
  const predicted = new Float64Array(size);
  const estimatedCost = new Float64Array(size);
  for (let prompt = 0; prompt < prompts; prompt += 1) {
    // column 0: "cheap", column 1: "good"
    quality[prompt * 2] = 0;
    quality[prompt * 2 + 1] = 1;
    cost[prompt * 2] = 1;
    cost[prompt * 2 + 1] = 10;
    predicted[prompt * 2] = 0.8;
    predicted[prompt * 2 + 1] = 0.7;
    estimatedCost[prompt * 2] = 1;
    estimatedCost[prompt * 2 + 1] = 10;
  }
  return { models: ["cheap", "good"], prompts, quality, cost, predicted, estimatedCost };
}

describe("onlineReplay", () => {
  it("moves traffic off a model whose answers are always wrong, from bandit feedback alone", () => {
    const report = onlineReplay(table(400));
    const last = report.checkpoints[report.checkpoints.length - 1]!;
    expect(last.bestFixedModel).toBe("good");
    expect(report.afterWarmup?.quality).toBe(1);
    expect(report.shares.get("cheap")).toBeLessThan(0.05);
    expect(report.checkpoints.map((point) => point.outcomes)).toEqual([50, 100, 200, 400]);
  });
});
