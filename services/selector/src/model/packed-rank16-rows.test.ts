import { describe, expect, it } from "vitest";
import { createSparseFeatures, featureRows, hashBuckets, signalCount } from "../features/feature-space.js";
import type { SparseFeatures } from "../features/feature-space.js";
import { compactRows, quantiseColumns } from "./compact-rows.js";

const width = 17;

/** A deterministic pseudo-random sequence in [0, 1). */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `hashed` distinct random buckets at 1/sqrt(hashed), then every dense signal with a random weight. */
function randomFeatures(hashed: number, random: () => number): SparseFeatures {
  const features = createSparseFeatures();
  const buckets = new Set<number>();
  while (buckets.size < hashed) buckets.add(Math.floor(random() * hashBuckets));
  features.hashedValue = Math.fround(1 / Math.sqrt(hashed));
  for (const bucket of buckets) {
    features.indices[features.count] = bucket;
    features.values[features.count] = features.hashedValue;
    features.count += 1;
  }
  features.hashedCount = hashed;
  for (let signal = 0; signal < signalCount; signal += 1) {
    features.indices[features.count] = hashBuckets + signal;
    features.values[features.count] = random() * 4 - 2;
    features.count += 1;
  }
  return features;
}

/** The representation summed the plain way: every 8-bit weight times its feature value, in order. */
function plainSum(values: Int8Array, scales: Float32Array, features: SparseFeatures): number[] {
  const totals = new Array<number>(width).fill(0);
  for (let index = 0; index < features.count; index += 1) {
    const row = features.indices[index] as number;
    for (let column = 0; column < width; column += 1)
      totals[column] = (totals[column] as number) + (features.values[index] as number) * (values[row * width + column] as number);
  }
  return totals.map((total, column) => Math.fround(total * (scales[column] as number)));
}

describe("PackedRank16Rows", () => {
  const random = sequence(7);
  const rows = Float32Array.from({ length: featureRows * width }, () => (random() * 2 - 1) * 0.3);
  const packed = compactRows(rows, width);
  const { values, scales } = quantiseColumns(rows, width);

  // 300 and 700 hashed features cross the 256-feature block in which lane sums are flushed.
  it.each([1, 40, 255, 256, 300, 700])("sums %i hashed features like the plain 8-bit sum", (hashed) => {
    const features = randomFeatures(hashed, random);
    const got = Array.from(packed.represent(features, new Float32Array(width)));
    const want = plainSum(values, scales, features);
    for (let column = 0; column < width; column += 1) expect(got[column]).toBeCloseTo(want[column] as number, 5);
  });

  it.each([1, -1])("holds 256 rows of the extreme byte (weights all %i) without carrying into the next column", (weight) => {
    const extremes = new Float32Array(featureRows * width).fill(weight);
    const extremeRows = compactRows(extremes, width);
    const quantised = quantiseColumns(extremes, width);
    const features = randomFeatures(700, random);
    const got = Array.from(extremeRows.represent(features, new Float32Array(width)));
    const want = plainSum(quantised.values, quantised.scales, features);
    for (let column = 0; column < width; column += 1) expect(got[column]).toBeCloseTo(want[column] as number, 4);
  });
});
