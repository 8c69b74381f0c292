import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auroc, expectedCalibrationError } from "../metrics/probability-metrics.js";
import { loadAnswerScorer, writeAnswerArtifact } from "./answer-artifact.js";
import { createAnswerFeatures, extractAnswerFeatures } from "./answer-features.js";
import { AnswerScorer } from "./answer-scorer.js";
import type { AnswerExample } from "./answer-trainer.js";
import { trainAnswerScorer } from "./answer-trainer.js";
import { linearScore } from "./answer-weights.js";
import { heldOut, promptSplit } from "./answer-validation.js";

/**
 * Synthetic answers (CI never reads the real data): a code prompt answered with a function is
 * good 85% of the time, a refusal or an off-format answer 10%; a choice prompt answered with a
 * letter 70%, with prose 20%. Deterministic pseudo-randomness from the index.
 */
function examples(count: number): AnswerExample[] {
  const list: AnswerExample[] = [];
  for (let index = 0; index < count; index += 1) {
    const noise = ((index * 2654435761) >>> 0) / 4294967296;
    const code = index % 2 === 0;
    const style = index % 3;
    const prompt = code
      ? `Write a Python function that returns item ${index} of a list.`
      : `Which is larger? Print only a single choice from "A" or "B".\\nA) ${index}\\nB) ${index + 1}\\nAnswer:`;
    const answer = code
      ? style === 0
        ? "I'm sorry, I cannot help with that."
        : `\`\`\`python\\ndef item(xs):\\n    return xs[${index}]\\n\`\`\``
      : style === 0
        ? "Well, it depends on many things, and I am not sure which one is larger here at all."
        : "B";
    const rate = code ? (style === 0 ? 0.1 : 0.85) : style === 0 ? 0.2 : 0.7;
    list.push({ promptId: `p${index}`, prompt, answer, model: index % 4 === 0 ? "model-a" : "model-b", kind: "binary", quality: noise < rate ? 1 : 0 });
  }
  return list;
}

describe("AnswerScorer", () => {
  it("is calibrated on a held-back part of its training data (ECE printed)", () => {
    const { train, test } = promptSplit(examples(3000));
    const [figures] = heldOut("synthetic by prompt", train, test, { epochs: 2, learningRate: 0.2, l2: 1e-6, folds: 3, seed: 7 });
    console.log(
      `answer scorer, synthetic held-out: n=${figures?.outcomes} ECE ${figures?.ece.toFixed(4)} Brier ${figures?.brier.toFixed(4)} AUROC ${figures?.auroc.toFixed(4)}`,
    );
    expect(figures?.outcomes).toBe(test.length);
    expect(figures?.ece).toBeLessThan(0.06);
    expect(figures?.auroc).toBeGreaterThan(0.75);
  });

  it("packed inference equals the plain (dense) one exactly, and survives a write and load", () => {
    const data = examples(600);
    const { dense, packed, meta } = trainAnswerScorer(data, { epochs: 1, learningRate: 0.2, l2: 1e-6, folds: 2, seed: 3 });
    const features = createAnswerFeatures();
    for (const example of data.slice(0, 200)) {
      extractAnswerFeatures(example.prompt, example.answer, example.model, example.kind, features);
      expect(linearScore(packed, features, meta.bias)).toBe(linearScore(dense, features, meta.bias));
    }
    const directory = mkdtempSync(join(tmpdir(), "answer-artifact-"));
    writeAnswerArtifact(directory, meta, packed);
    const loaded = loadAnswerScorer(directory);
    const plain = new AnswerScorer(meta, dense);
    for (const example of data.slice(0, 200))
      expect(loaded.score(example.prompt, example.answer, example.model).probability).toBe(
        plain.score(example.prompt, example.answer, example.model).probability,
      );
  });

  it("ranks a fresh model's answers by what they say, without its identity", () => {
    const { scorer } = trainAnswerScorer(examples(1500), { epochs: 2, learningRate: 0.2, l2: 1e-6, folds: 2, seed: 7 });
    const prompt = "Write a Python function that returns item 5 of a list.";
    const good = scorer.score(prompt, "```python\ndef item(xs):\n    return xs[5]\n```", "never-seen");
    const bad = scorer.score(prompt, "I'm sorry, I cannot help with that.", "never-seen");
    expect(good.trainedModel).toBe(false);
    expect(good.probability).toBeGreaterThan(bad.probability);
    const scores = examples(200).map((example) => scorer.score(example.prompt, example.answer, "never-seen").probability);
    expect(
      auroc(
        scores,
        examples(200).map((example) => example.quality),
      ),
    ).toBeGreaterThan(0.7);
    expect(
      expectedCalibrationError(
        scores,
        examples(200).map((example) => example.quality),
        10,
      ),
    ).toBeLessThan(0.15);
  });

  it("calibrates what a prompt asks for on its own once there are enough answers of it, and scores with that map", () => {
    const options = { epochs: 1, learningRate: 0.2, l2: 1e-6, folds: 2, seed: 7 };
    expect(Object.keys(trainAnswerScorer(examples(1200), options).meta.calibrators).sort()).toEqual(["binary", "generic"]);
    const { meta, packed } = trainAnswerScorer(examples(3000), options);
    expect(Object.keys(meta.calibrators).sort()).toEqual(["binary", "binary|choice", "binary|code", "generic"]);
    const flat = { knotsX: [0, 1], knotsY: [0.3, 0.3] };
    const scorer = new AnswerScorer({ ...meta, calibrators: { ...meta.calibrators, "binary|code": flat } }, packed);
    const code = examples(2)[0]!;
    const choice = examples(2)[1]!;
    expect(scorer.score(code.prompt, code.answer, code.model).probability).toBeCloseTo(0.3, 5);
    expect(scorer.score(choice.prompt, choice.answer, choice.model).probability).toBe(
      new AnswerScorer(meta, packed).score(choice.prompt, choice.answer, choice.model).probability,
    );
  });
});
