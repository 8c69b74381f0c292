import { describe, expect, it } from "vitest";
import type { ScoredCandidate } from "../candidates.js";
import type { EquivalentChoiceDeps } from "./equivalent-choice.js";
import { equivalent, preferAmongEquivalents } from "./equivalent-choice.js";

/** A candidate of predicted quality `quality` whose worst case costs `cost` nano-USD. */
function candidate(model: string, quality: number, cost: bigint): ScoredCandidate {
  return { model, predictedQuality: quality, confidence: 0.9, estimate: { inputTokens: 10, maxOutputTokens: 10, maxCostNanoUsd: cost }, contextWindow: 8192 };
}

/** mulberry32: a seeded uniform source, so the draws (and the test) are the same every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function deps(settings: Record<string, { priority?: number; weight?: number; load?: number }>, random = seeded(17)): EquivalentChoiceDeps {
  const models = Object.fromEntries(Object.entries(settings).map(([model, each]) => [model, { priority: each.priority ?? 0, weight: each.weight ?? 1 }]));
  return { access: { models }, load: { loadOf: (model) => settings[model]?.load, begin: () => () => {} }, random };
}

const first = (choice: EquivalentChoiceDeps, ordered: ScoredCandidate[]) => preferAmongEquivalents(choice, ordered)[0]?.model;

describe("equivalent", () => {
  it("holds for the same price and quality within the tolerances, and not beyond them", () => {
    expect(equivalent(candidate("a", 0.8, 1_000n), candidate("b", 0.82, 1_050n))).toBe(true);
    expect(equivalent(candidate("a", 0.8, 1_000n), candidate("b", 0.8, 1_051n))).toBe(false);
    expect(equivalent(candidate("a", 0.8, 1_000n), candidate("b", 0.83, 1_000n))).toBe(false);
  });
});

describe("preferAmongEquivalents", () => {
  it("chooses the idle one of two equivalent models when the other is busy, whatever the draw", () => {
    for (let seed = 0; seed < 50; seed += 1) {
      const choice = deps({ busy: { load: 12 }, idle: { load: 0 } }, seeded(seed));
      expect(first(choice, [candidate("busy", 0.8, 1_000n), candidate("idle", 0.8, 1_000n)])).toBe("idle");
    }
  });

  it("puts priority before load", () => {
    const choice = deps({ primary: { priority: 1, load: 30 }, fallback: { load: 0 } });
    expect(first(choice, [candidate("fallback", 0.8, 1_000n), candidate("primary", 0.8, 1_000n)])).toBe("primary");
  });

  it("spreads calls over equal models in proportion to their weights", () => {
    const choice = deps({ heavy: { weight: 3 }, light: { weight: 1 }, never: { weight: 0 } }, seeded(42));
    const ordered = [candidate("never", 0.8, 1_000n), candidate("light", 0.8, 1_000n), candidate("heavy", 0.8, 1_000n)];
    const counts = new Map<string, number>();
    for (let draw = 0; draw < 10_000; draw += 1) {
      const model = first(choice, ordered)!;
      counts.set(model, (counts.get(model) ?? 0) + 1);
    }
    expect((counts.get("heavy") ?? 0) / 10_000).toBeCloseTo(0.75, 1);
    expect((counts.get("light") ?? 0) / 10_000).toBeCloseTo(0.25, 1);
    expect(counts.get("never")).toBeUndefined();
  });

  it("never moves a strictly better model behind a less loaded one", () => {
    const choice = deps({ cheaper: { load: 40 }, pricier: { load: 0 }, better: { load: 40 }, worse: { load: 0 } });
    expect(first(choice, [candidate("cheaper", 0.8, 1_000n), candidate("pricier", 0.8, 1_100n)])).toBe("cheaper");
    expect(first(choice, [candidate("better", 0.9, 1_000n), candidate("worse", 0.85, 1_000n)])).toBe("better");
  });

  it("reorders only contiguous runs: an equivalent further down does not jump a model in between", () => {
    const choice = deps({ a: { load: 9 }, between: { load: 9 }, twin: { load: 0 } });
    const ordered = [candidate("a", 0.8, 1_000n), candidate("between", 0.7, 1_020n), candidate("twin", 0.8, 1_040n)];
    expect(preferAmongEquivalents(choice, ordered).map((each) => each.model)).toEqual(["a", "between", "twin"]);
  });
});
