import { createHash } from "node:crypto";
import type { Calibrator } from "../model/isotonic-calibrator.js";
import { fitIsotonic } from "../model/isotonic-calibrator.js";
import { sigmoid } from "../model/quality-model.js";
import { seededRandom, shuffleInPlace, stableUnit } from "../training/seeded-random.js";
import { answerFeatureVersion, calibrationSlot, createAnswerFeatures, extractAnswerFeatures } from "./answer-features.js";
import type { AnswerScorerMeta } from "./answer-scorer.js";
import { AnswerScorer } from "./answer-scorer.js";
import { DenseAnswerWeights, linearScore, PackedAnswerWeights } from "./answer-weights.js";

/** One recorded answer and how good it was. */
export interface AnswerExample {
  readonly promptId: string;
  readonly prompt: string;
  readonly answer: string;
  readonly model: string;
  readonly kind: string;
  readonly quality: number;
}

export interface AnswerTrainOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly folds: number;
  readonly seed: number;
}

export const defaultAnswerTrainOptions: AnswerTrainOptions = { epochs: 3, learningRate: 0.2, l2: 1e-6, folds: 5, seed: 7 };

/** Features extracted once per example (ids and values copied out of the shared buffer). */
interface Encoded {
  readonly example: AnswerExample;
  readonly ids: Int32Array;
  readonly values: Float32Array;
  readonly ask: string;
}

function encode(examples: readonly AnswerExample[]): Encoded[] {
  const buffer = createAnswerFeatures();
  return examples.map((example) => {
    extractAnswerFeatures(example.prompt, example.answer, example.model, example.kind, buffer);
    return { example, ids: buffer.ids.slice(0, buffer.count), values: buffer.values.slice(0, buffer.count), ask: buffer.ask };
  });
}

/** Adagrad logistic regression on soft labels (quality in [0,1] is the target). */
function fitWeights(data: readonly Encoded[], options: AnswerTrainOptions): { weights: DenseAnswerWeights; bias: number } {
  const weights = new DenseAnswerWeights();
  const squares = new Float32Array(weights.values.length);
  let bias = 0;
  let biasSquares = 0;
  const order = data.map((_, index) => index);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffleInPlace(order, random);
    for (const index of order) {
      const item = data[index] as Encoded;
      const features = { ids: item.ids, values: item.values, count: item.ids.length };
      const error = sigmoid(linearScore(weights, features, bias)) - item.example.quality;
      for (let feature = 0; feature < item.ids.length; feature += 1) {
        const id = item.ids[feature] ?? 0;
        const gradient = error * (item.values[feature] ?? 0) + options.l2 * (weights.values[id] ?? 0);
        squares[id] = (squares[id] ?? 0) + gradient * gradient;
        weights.values[id] = (weights.values[id] ?? 0) - (options.learningRate * gradient) / Math.sqrt((squares[id] ?? 0) + 1e-8);
      }
      biasSquares += error * error;
      bias -= (options.learningRate * error) / Math.sqrt(biasSquares + 1e-8);
    }
  }
  return { weights, bias };
}

/** Fewest out-of-fold answers a kind-and-ask stratum needs for its own isotonic map. */
const minStratumAnswers = 1000;

/**
 * Isotonic maps per kind (and `generic`, pooled) fitted on out-of-fold raw predictions, and per
 * kind and what the prompt asks for (`calibrationSlot`) where there are enough answers: one
 * pooled map let the scorer claim 0.60 for a weak model's code on unseen MBPP prompts that were
 * right 0.33 of the time, because choices and chat dominate the pool.
 */
function outOfFoldCalibrators(data: readonly Encoded[], options: AnswerTrainOptions): Record<string, Calibrator> {
  const raw = new Float64Array(data.length);
  for (let fold = 0; fold < options.folds; fold += 1) {
    const inFold = (item: Encoded): boolean => Math.floor(stableUnit(item.example.promptId, options.seed) * options.folds) === fold;
    const fitted = fitWeights(
      data.filter((item) => !inFold(item)),
      options,
    );
    data.forEach((item, index) => {
      if (inFold(item)) raw[index] = sigmoid(linearScore(fitted.weights, { ids: item.ids, values: item.values, count: item.ids.length }, fitted.bias));
    });
  }
  const byKind = new Map<string, { x: number[]; y: number[] }>([["generic", { x: [], y: [] }]]);
  data.forEach((item, index) => {
    for (const kind of [item.example.kind, "generic", calibrationSlot(item.example.kind, item.ask)]) {
      const bucket = byKind.get(kind) ?? { x: [], y: [] };
      byKind.set(kind, bucket);
      bucket.x.push(raw[index] ?? 0.5);
      bucket.y.push(item.example.quality);
    }
  });
  const fitted = [...byKind].filter(([slot, bucket]) => !slot.includes("|") || bucket.x.length >= minStratumAnswers);
  return Object.fromEntries(fitted.map(([slot, bucket]) => [slot, fitIsotonic(bucket.x, bucket.y)]));
}

/** Trains the scorer deterministically: out-of-fold calibration, then the weights on everything. */
export function trainAnswerScorer(
  examples: readonly AnswerExample[],
  options: AnswerTrainOptions = defaultAnswerTrainOptions,
): { scorer: AnswerScorer; meta: AnswerScorerMeta; packed: PackedAnswerWeights; dense: DenseAnswerWeights } {
  const data = encode(examples);
  const calibrators = outOfFoldCalibrators(data, options);
  const { weights, bias } = fitWeights(data, options);
  const packed = PackedAnswerWeights.fromDense(weights);
  const hash = createHash("sha256").update(Buffer.from(packed.values.buffer)).update(JSON.stringify(calibrators)).digest("hex").slice(0, 12);
  const meta: AnswerScorerMeta = {
    featureVersion: answerFeatureVersion,
    version: `${answerFeatureVersion}-${hash}`,
    bias,
    calibrators,
    trainedModels: [...new Set(examples.map((example) => example.model))].sort(),
  };
  return { scorer: new AnswerScorer(meta, packed), meta, packed, dense: weights };
}
