import { featureRows, hashBuckets } from "../features/feature-space.js";
import { sigmoid } from "../model/quality-model.js";
import type { EncodedRecord } from "./encoded-dataset.js";
import { modelQualityStats } from "./model-stats.js";
import { sourceWeights } from "./factor-trainer.js";
import { seededRandom, shuffleInPlace } from "./seeded-random.js";

/** A fitted predictor: raw probability that `model` answers the record's prompt well. */
export type Predictor = (encoded: EncodedRecord, model: string) => number;

/** Per-model mean quality (the "each model's average" baseline; unseen models get `fallback`). */
export function fitModelMeans(records: readonly EncodedRecord[], fallback: (model: string) => number): Predictor {
  const stats = modelQualityStats(records);
  return (_encoded, model) => {
    const entry = stats.get(model);
    return entry ? entry.sum / entry.count : fallback(model);
  };
}

/**
 * Independent logistic regression per model on the same sparse features (Adagrad, soft labels,
 * L2). Shares nothing across models: a model the data never saw falls back to `fallback`.
 */
export function fitPerModelLogistic(records: readonly EncodedRecord[], fallback: (model: string) => number, epochs = 4, seed = 7): Predictor {
  const weights = new Map<string, Float32Array>();
  const accumulators = new Map<string, Float32Array>();
  const source = sourceWeights(records, 0.5);
  const random = seededRandom(seed);
  const order = records.map((_, index) => index);
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    shuffleInPlace(order, random);
    for (const index of order) {
      const encoded = records[index] as EncodedRecord;
      const weight = source.get(encoded.record.source) ?? 1;
      for (const outcome of encoded.record.outcomes) {
        let w = weights.get(outcome.model);
        if (!w) {
          w = new Float32Array(featureRows + 1);
          weights.set(outcome.model, w);
          accumulators.set(outcome.model, new Float32Array(featureRows + 1));
        }
        const acc = accumulators.get(outcome.model) as Float32Array;
        const delta = (sigmoid(linear(w, encoded)) - outcome.quality) * weight;
        step(w, acc, featureRows, delta);
        for (let at = 0; at < encoded.features.count; at += 1) {
          const row = encoded.features.indices[at] ?? 0;
          step(w, acc, row, delta * (encoded.features.values[at] ?? 0) + 1e-5 * (w[row] ?? 0));
        }
      }
    }
  }
  return (encoded, model) => {
    const w = weights.get(model);
    return w ? sigmoid(linear(w, encoded)) : fallback(model);
  };
}

function linear(w: Float32Array, encoded: EncodedRecord): number {
  let sum = w[featureRows] ?? 0;
  for (let at = 0; at < encoded.features.count; at += 1) sum += (w[encoded.features.indices[at] ?? 0] ?? 0) * (encoded.features.values[at] ?? 0);
  return sum;
}

function step(weights: Float32Array, accumulators: Float32Array, index: number, gradient: number): void {
  const accumulated = (accumulators[index] ?? 0) + gradient * gradient;
  accumulators[index] = accumulated;
  weights[index] = (weights[index] ?? 0) - (0.1 * gradient) / (Math.sqrt(accumulated) + 1e-6);
}

/**
 * k-nearest-neighbours on the hashed features (cosine; the hashed part is L2-normalised):
 * a model's prediction is the similarity-weighted mean quality of the k most similar training
 * prompts that have an outcome for it, shrunk towards its global mean with `prior` pseudo-counts.
 */
export function fitNearestNeighbours(records: readonly EncodedRecord[], fallback: (model: string) => number, k = 25, prior = 3): Predictor {
  const postings = new Map<number, Array<[number, number]>>();
  records.forEach((encoded, index) => {
    for (let at = 0; at < encoded.features.count; at += 1) {
      const bucket = encoded.features.indices[at] ?? 0;
      if (bucket >= hashBuckets) continue;
      let list = postings.get(bucket);
      if (!list) postings.set(bucket, (list = []));
      list.push([index, encoded.features.values[at] ?? 0]);
    }
  });
  const means = fitModelMeans(records, fallback);
  let cachedFor: EncodedRecord | undefined;
  let neighbours: Array<[number, number]> = [];
  const similarities = new Float64Array(records.length);
  return (encoded, model) => {
    if (cachedFor !== encoded) {
      similarities.fill(0);
      for (let at = 0; at < encoded.features.count; at += 1) {
        const bucket = encoded.features.indices[at] ?? 0;
        const value = encoded.features.values[at] ?? 0;
        for (const [index, other] of postings.get(bucket) ?? []) similarities[index] = (similarities[index] ?? 0) + value * other;
      }
      neighbours = [];
      similarities.forEach((similarity, index) => {
        if (similarity > 0) neighbours.push([index, similarity]);
      });
      neighbours.sort((a, b) => b[1] - a[1]);
      cachedFor = encoded;
    }
    const base = means(encoded, model);
    let weighted = prior * base;
    let total = prior;
    let found = 0;
    for (const [index, similarity] of neighbours) {
      const outcome = (records[index] as EncodedRecord).record.outcomes.find((candidate) => candidate.model === model);
      if (!outcome) continue;
      weighted += similarity * 10 * outcome.quality;
      total += similarity * 10;
      found += 1;
      if (found >= k) break;
    }
    return weighted / total;
  };
}
