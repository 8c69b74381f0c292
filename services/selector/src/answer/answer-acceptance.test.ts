import { describe, expect, it } from "vitest";
import type { AnswerExample } from "./answer-trainer.js";
import { trainAnswerScorer } from "./answer-trainer.js";
import { promptSplit } from "./answer-validation.js";

/**
 * Synthetic recorded answers with four true rates of being good (0.95, 0.8, 0.55, 0.15), so
 * thresholds between them accept different mixes (CI never reads the real data).
 * Deterministic pseudo-randomness from the index.
 */
function examples(count: number): AnswerExample[] {
  const kinds = [
    { rate: 0.95, answer: (index: number) => `\`\`\`python\ndef item(xs):\n    return xs[${index}]\n\`\`\`` },
    { rate: 0.8, answer: () => "B" },
    { rate: 0.55, answer: () => "It is probably B, but I would have to check the numbers again." },
    { rate: 0.15, answer: () => "I'm sorry, I cannot help with that." },
  ];
  return Array.from({ length: count }, (_, index) => {
    const noise = ((index * 2654435761) >>> 0) / 4294967296;
    const kind = kinds[index % kinds.length]!;
    const prompt =
      index % 4 === 0
        ? `Write a Python function that returns item ${index} of a list.`
        : `Which is larger? Print only a single choice from "A" or "B".\nA) ${index}\nB) ${index + 1}\nAnswer:`;
    return { promptId: `p${index}`, prompt, answer: kind.answer(index), model: "model-a", kind: "binary", quality: noise < kind.rate ? 1 : 0 };
  });
}

/**
 * The cascade accepts an answer when its calibrated P(good) is at least the threshold, which is
 * min_quality unless the request sets one: so the error rate of accepted answers is at most
 * 1 - min_quality. Measured here on a held-back replay (prompts the scorer never trained on):
 * for each bar, the accepted answers' empirical error must be within the stated rate, up to two
 * standard errors of sampling noise.
 */
describe("accepting at min_quality on the calibrated answer scorer", () => {
  it("keeps the accepted answers' error on held-back data within 1 - min_quality", () => {
    const { train, test } = promptSplit(examples(4000));
    const { scorer } = trainAnswerScorer(train, { epochs: 2, learningRate: 0.2, l2: 1e-6, folds: 3, seed: 11 });
    const scored = test.map((example) => ({ p: scorer.score(example.prompt, example.answer, example.model).probability, good: example.quality }));
    let checked = 0;
    for (const minQuality of [0.5, 0.6, 0.7, 0.75, 0.9]) {
      const accepted = scored.filter((each) => each.p >= minQuality);
      if (accepted.length < 50) continue;
      checked += 1;
      const error = 1 - accepted.reduce((sum, each) => sum + each.good, 0) / accepted.length;
      const stated = 1 - minQuality;
      const slack = 2 * Math.sqrt((minQuality * stated) / accepted.length);
      console.log(`min_quality ${minQuality}: accepted ${accepted.length}/${scored.length}, error ${error.toFixed(3)} (stated at most ${stated.toFixed(2)})`);
      expect(error).toBeLessThanOrEqual(stated + slack);
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});
