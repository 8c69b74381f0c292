import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FeedbackStore } from "./feedback-store.js";

/**
 * Routing as the router's cheapest(min_quality) does it, over the store's adjusted predictions:
 * the cheapest model (by list) predicted to clear the bar, else the one predicted best.
 */
function route(store: FeedbackStore, tenant: string, predictions: ReadonlyMap<string, number>, bar: number): string {
  const adjuster = store.forTenant(tenant);
  const adjusted = [...predictions].map(([model, base]) => [model, adjuster.adjust(model, base)] as const);
  return adjusted.find(([, p]) => p >= bar)?.[0] ?? [...adjusted].sort((a, b) => b[1] - a[1])[0]![0];
}

describe("per-tenant online routing", () => {
  // Cheapest first. "flaky" is predicted able (0.8) but its answers are always wrong; "solid" is
  // right 95% of the time; "fresh" is a new model on its prior (0.5) that is right 98% of the time.
  const predictions = new Map([
    ["flaky", 0.8],
    ["fresh", 0.5],
    ["solid", 0.75],
  ]);
  const truth = new Map([
    ["flaky", 0],
    ["fresh", 0.98],
    ["solid", 0.95],
  ]);

  it("moves traffic off a model whose answers are always wrong within 10 outcomes, and onto a better new model", () => {
    const store = new FeedbackStore(mkdtempSync(join(tmpdir(), "selector-tenant-")));
    const chosen: string[] = [];
    for (let call = 0; call < 120; call += 1) {
      const model = route(store, "acme", predictions, 0.7);
      chosen.push(model);
      const quality = (call * 7919) % 100 < (truth.get(model) ?? 0) * 100 ? 1 : 0;
      store.record({ key: `r${call}`, model, base: predictions.get(model) ?? 0.5, quality, source: "critic", tenant: "acme" });
      // Exploration the budget allows: every 10th call also checks the new model on a shadow sample.
      if (call % 10 === 5)
        store.record({ key: `s${call}`, model: "fresh", base: 0.5, quality: (call * 31) % 100 < 98 ? 1 : 0, source: "answer_scorer", tenant: "acme" });
    }
    const flakyCalls = chosen.filter((model) => model === "flaky").length;
    expect(flakyCalls).toBeLessThanOrEqual(10);
    expect(chosen.slice(-50).every((model) => model === "fresh")).toBe(true);
    // Another tenant's routing has not moved.
    expect(route(store, "globex", predictions, 0.7)).toBe("flaky");
  });
});
