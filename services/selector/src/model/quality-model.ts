import type { SparseFeatures } from "../features/feature-space.js";
import { featureRows, hashBuckets, signalCount } from "../features/feature-space.js";
import { descriptorNames } from "./model-descriptor.js";

/** Task families the shared representation also predicts (an auxiliary head). */
export const taskTypes = ["multiple_choice", "math", "code", "short_answer", "generation", "chat"] as const;
export type TaskType = (typeof taskTypes)[number];

/** Kinds a kind intercept exists for; "generic" is used when a request names none. */
export const kindSlots = ["binary", "fraction", "judge_1_10", "preference", "generic"] as const;

export const descriptorSize = descriptorNames.length;

/**
 * The shared quality model: a low-rank factorisation of P(model m answers prompt x well).
 * Every prompt gets a representation h(x) = (g, h_1..h_d), a linear map of its sparse features
 * (g is a prompt-difficulty term shared by all models). Every model gets a vector
 * (a_m, e_m) = D * descriptor(m) + residual_m: the descriptor part is shared across all models
 * (size, family, price, age), the residual is learned per known model and is zero for a model
 * the data never saw. logit = kindBias[kind] + g + a_m + e_m . h. All models share the prompt
 * side, so a model with few outcomes borrows strength from all others.
 */
export interface QualityParams {
  readonly dim: number;
  /** featureRows x (dim + 1): per feature, its difficulty weight then its d projection weights. */
  readonly rows: Float32Array;
  /** (dim + 1) x descriptorSize: maps a descriptor to (a_m, e_m). */
  readonly descriptorMap: Float32Array;
  /** One intercept per kind slot. */
  readonly kindBias: Float32Array;
  /**
   * Per kind slot, how much of the prompt-specific part (g + e_m . h) to use: 1 for kinds the
   * training data had; less for a kind it never saw and for "generic", because validation
   * across sources showed prompt difficulty learnt under one notion of quality transfers poorly
   * to another, while the model-only part (a_m) still ranks models.
   */
  readonly kindPromptScale: Float32Array;
  /** taskTypes.length x (dim + 1): softmax head on (1, h). */
  readonly taskHead: Float32Array;
  /** Canonical model id to its learned residual (dim + 1 values). */
  readonly residuals: Map<string, Float32Array>;
  /** log2 of the hashed slots of the per-model heads (0: no heads). */
  readonly headBits: number;
  /**
   * Canonical model id to its own sparse linear head over the features folded into
   * 2^headBits slots (plus the dense signals): what a model does differently from what the
   * shared low-rank part can say. A model without data has none.
   */
  readonly heads: Map<string, Float32Array>;
}

/** Number of weights in one per-model head. */
export function headSize(headBits: number): number {
  return headBits > 0 ? (1 << headBits) + signalCount : 0;
}

/** The head slot of a feature row: hashed rows fold onto 2^headBits slots, signals keep their own. */
export function headSlot(row: number, headBits: number): number {
  return row < hashBuckets ? row & ((1 << headBits) - 1) : (1 << headBits) + (row - hashBuckets);
}

/** A head's contribution to the logit for a prompt's features. */
export function headLogit(head: Float32Array, features: SparseFeatures, headBits: number): number {
  let sum = 0;
  const mask = (1 << headBits) - 1;
  const signalBase = (1 << headBits) - hashBuckets;
  for (let index = 0; index < features.count; index += 1) {
    const row = features.indices[index] ?? 0;
    sum += (head[row < hashBuckets ? row & mask : signalBase + row] ?? 0) * (features.values[index] ?? 0);
  }
  return sum;
}

/** Zero-initialised parameters of the given rank (and per-model head size). */
export function createQualityParams(dim: number, headBits = 0): QualityParams {
  return {
    dim,
    rows: new Float32Array(featureRows * (dim + 1)),
    descriptorMap: new Float32Array((dim + 1) * descriptorSize),
    kindBias: new Float32Array(kindSlots.length),
    kindPromptScale: new Float32Array(kindSlots.length).fill(1),
    taskHead: new Float32Array(taskTypes.length * (dim + 1)),
    residuals: new Map(),
    headBits,
    heads: new Map(),
  };
}

/**
 * Writes (g, h_1..h_d) for a prompt's features into `out` (length dim + 1). The hot loop of
 * inference: indices come from the featurizer and are always in range, hence the casts.
 */
export function representPrompt(params: QualityParams, features: SparseFeatures, out: Float32Array): Float32Array {
  const width = params.dim + 1;
  out.fill(0);
  const rows = params.rows;
  const indices = features.indices;
  const values = features.values;
  for (let index = 0; index < features.count; index += 1) {
    const value = values[index] as number;
    let at = (indices[index] as number) * width;
    for (let column = 0; column < width; column += 1, at += 1) out[column] = (out[column] as number) + value * (rows[at] as number);
  }
  return out;
}

/** Writes a model's (a_m, e_m) into `out`: descriptor map times descriptor, plus the residual. */
export function modelVector(params: QualityParams, descriptor: Float32Array, residual: Float32Array | undefined, out: Float32Array): Float32Array {
  const width = params.dim + 1;
  for (let row = 0; row < width; row += 1) {
    let sum = residual ? (residual[row] ?? 0) : 0;
    const base = row * descriptorSize;
    for (let column = 0; column < descriptorSize; column += 1) sum += (params.descriptorMap[base + column] ?? 0) * (descriptor[column] ?? 0);
    out[row] = sum;
  }
  return out;
}

/** The raw (uncalibrated) logit for a prompt representation, a model vector and a kind slot. */
export function qualityLogit(params: QualityParams, prompt: Float32Array, model: Float32Array, kindSlot: number): number {
  let promptPart = prompt[0] as number;
  for (let column = 1; column <= params.dim; column += 1) promptPart += (model[column] as number) * (prompt[column] as number);
  return (params.kindBias[kindSlot] ?? 0) + (model[0] as number) + (params.kindPromptScale[kindSlot] ?? 1) * promptPart;
}

/** Softmax probabilities of the task head over (1, h), written into `out`. */
export function taskProbabilities(params: QualityParams, prompt: Float32Array, out: Float32Array): Float32Array {
  const width = params.dim + 1;
  let max = -Infinity;
  for (let task = 0; task < taskTypes.length; task += 1) {
    let sum = params.taskHead[task * width] ?? 0;
    for (let column = 1; column < width; column += 1) sum += (params.taskHead[task * width + column] ?? 0) * (prompt[column] ?? 0);
    out[task] = sum;
    if (sum > max) max = sum;
  }
  let total = 0;
  for (let task = 0; task < taskTypes.length; task += 1) {
    const value = Math.exp((out[task] ?? 0) - max);
    out[task] = value;
    total += value;
  }
  for (let task = 0; task < taskTypes.length; task += 1) out[task] = (out[task] ?? 0) / total;
  return out;
}

/** Index of a kind slot by name; unknown kinds use "generic". */
export function kindSlotOf(kind: string): number {
  const slot = (kindSlots as readonly string[]).indexOf(kind);
  return slot >= 0 ? slot : kindSlots.length - 1;
}

/** The logistic function. */
export function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}
