import { describe, expect, it } from "vitest";
import { LogitOffsetLearner } from "./logit-offset-learner.js";

describe("LogitOffsetLearner", () => {
  it("places a model from its first 50 outcomes when the prior is far off", () => {
    const learner = new LogitOffsetLearner();
    // The artifact says 0.3; the model is right 90% of the time.
    for (let outcome = 0; outcome < 50; outcome += 1) learner.observe(["new-model"], 0.3, outcome % 10 === 0 ? 0 : 1);
    expect(learner.predict(["new-model"], 0.3)).toBeGreaterThan(0.8);
    expect(learner.observations("new-model")).toBe(50);
  });

  it("sinks a model whose answers are always wrong within 10 outcomes", () => {
    const learner = new LogitOffsetLearner();
    for (let outcome = 0; outcome < 10; outcome += 1) learner.observe(["bad"], 0.8, 0);
    expect(learner.predict(["bad"], 0.8)).toBeLessThan(0.3);
  });

  it("keeps the artifact's ranking between prompts and leaves other keys alone", () => {
    const learner = new LogitOffsetLearner();
    for (let outcome = 0; outcome < 20; outcome += 1) learner.observe(["a", "a|code"], 0.5, 1);
    expect(learner.predict(["a"], 0.4)).toBeLessThan(learner.predict(["a"], 0.6));
    expect(learner.predict(["b"], 0.4)).toBeCloseTo(0.4, 6);
    // The context offset only adds what the model-level offset has not already explained.
    expect(learner.predict(["a", "a|code"], 0.5)).toBeGreaterThan(learner.predict(["a"], 0.5));
  });

  it("narrows its spread as outcomes accumulate", () => {
    const learner = new LogitOffsetLearner();
    const before = learner.spread(["a"]);
    for (let outcome = 0; outcome < 30; outcome += 1) learner.observe(["a"], 0.5, outcome % 2);
    expect(learner.spread(["a"])).toBeLessThan(before / 2);
  });
});
