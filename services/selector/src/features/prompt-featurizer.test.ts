import { describe, expect, it } from "vitest";
import { createSparseFeatures, hashBuckets, signalCount } from "./feature-space.js";
import { PromptFeaturizer } from "./prompt-featurizer.js";
import { signalNames } from "./signal-counts.js";

const featurizer = new PromptFeaturizer();

function extract(text: string) {
  const features = featurizer.extract(text, createSparseFeatures());
  const signals = new Map<string, number>();
  for (let index = 0; index < features.count; index += 1) {
    const row = features.indices[index] ?? 0;
    if (row >= hashBuckets) signals.set(signalNames[row - hashBuckets] ?? "?", features.values[index] ?? 0);
  }
  const hashed = new Map<number, number>();
  for (let index = 0; index < features.hashedCount; index += 1) hashed.set(features.indices[index] ?? 0, features.values[index] ?? 0);
  return { features, signals, hashed };
}

describe("PromptFeaturizer", () => {
  it("is deterministic and L2-normalises the hashed part", () => {
    const a = extract("What is the capital of France?");
    const b = extract("What is the capital of France?");
    expect([...a.hashed]).toEqual([...b.hashed]);
    const norm = [...a.hashed.values()].reduce((sum, value) => sum + value * value, 0);
    expect(norm).toBeCloseTo(1, 5);
    expect(a.features.count).toBe(a.features.hashedCount + signalCount);
  });

  it("is case-insensitive for words but tells different words apart", () => {
    expect([...extract("Solve THIS equation").hashed.keys()]).toEqual([...extract("solve this equation").hashed.keys()]);
    expect([...extract("solve this equation").hashed.keys()]).not.toEqual([...extract("write this poem").hashed.keys()]);
  });

  it("gives Chinese text its own n-grams and a CJK share", () => {
    const { signals, hashed } = extract("下列关于中国古代科技成就的说法，正确的是");
    expect(hashed.size).toBeGreaterThan(20);
    expect(signals.get("cjk_share")).toBeGreaterThan(0.8);
    expect(signals.get("non_ascii_share")).toBeGreaterThan(0.8);
  });

  it("notices code, multiple-choice options, questions and answer cues", () => {
    const code = extract("Write a function:\n```python\ndef add(a, b):\n    return a + b\n```");
    expect(code.signals.get("code_fences")).toBeGreaterThan(0);
    expect(code.signals.get("code_words")).toBeGreaterThan(0);
    expect(code.signals.get("starts_imperative")).toBe(1);
    const choice = extract("Which gas do plants absorb?\nA) oxygen\nB) carbon dioxide\nC) helium\nD) neon\nAnswer:");
    expect(choice.signals.get("option_lines")).toBeGreaterThan(0);
    expect(choice.signals.get("ends_answer_cue")).toBe(1);
    expect(choice.signals.get("starts_wh")).toBe(1);
    expect(extract("Is it raining?").signals.get("ends_question")).toBe(1);
  });

  it("handles an empty prompt and a huge one within its buffer", () => {
    const empty = extract("");
    expect(empty.features.hashedCount).toBe(0);
    expect(empty.features.count).toBe(signalCount);
    const huge = extract("lorem ipsum dolor sit amet ".repeat(40_000));
    expect(huge.features.count).toBeLessThanOrEqual(createSparseFeatures().indices.length);
    expect(huge.features.tokens).toBeGreaterThan(250_000);
    expect(huge.signals.get("log_chars")).toBeLessThanOrEqual(1.5);
  });

  it("estimates about four characters per token, one per CJK character", () => {
    expect(extract("abcd".repeat(100)).features.tokens).toBe(100);
    expect(extract("中文".repeat(50)).features.tokens).toBe(90);
  });
});
