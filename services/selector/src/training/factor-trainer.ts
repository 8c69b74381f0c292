import { featureRows } from "../features/feature-space.js";
import type { QualityParams } from "../model/quality-model.js";
import {
  createQualityParams,
  descriptorSize,
  headLogit,
  headSize,
  headSlot,
  kindSlots,
  modelVector,
  qualityLogit,
  representPrompt,
  sigmoid,
  taskProbabilities,
  taskTypes,
} from "../model/quality-model.js";
import { refitDescriptorMap } from "./descriptor-refit.js";
import type { EncodedRecord } from "./encoded-dataset.js";
import { modelQualityStats } from "./model-stats.js";
import { seededRandom, shuffleInPlace } from "./seeded-random.js";

/** Hyperparameters of the shared factor model (chosen by the validation runs, see README). */
export interface FactorOptions {
  readonly dim: number;
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 on the feature rows (prompt side). */
  readonly l2Rows: number;
  /** L2 on per-model residuals: pulls known models towards their descriptor prior. */
  readonly l2Residual: number;
  /** Share of outcomes trained without the model's residual, so the descriptor prior learns to stand alone. */
  readonly residualDropout: number;
  /** Weight of the auxiliary task-family loss on the shared representation. */
  readonly taskWeight: number;
  /** 0 weighs every outcome alike, 1 gives every source the same total weight. */
  readonly sourceBalance: number;
  readonly seed: number;
  /**
   * The prompt side's gradient is the sum over the prompt's outcomes divided by
   * count^promptShare: 1 makes a prompt one example for the shared representation however many
   * models it has (alpaca's 55 would otherwise memorise it 55 times as fast).
   */
  readonly promptShare: number;
  /** Prompt-part scale for kinds absent from training and for "generic" (see QualityParams). */
  readonly unseenKindPromptScale: number;
  /** Ridge of the post-training descriptor refit (0 skips the refit). */
  readonly descriptorRidge: number;
  /** log2 of the per-model head slots (0 turns the heads off). */
  readonly headBits: number;
  /** L2 on the per-model heads. */
  readonly l2Head: number;
}

export const defaultFactorOptions: FactorOptions = {
  dim: 16,
  epochs: 1,
  learningRate: 0.05,
  l2Rows: 1e-5,
  l2Residual: 1e-3,
  residualDropout: 0.2,
  taskWeight: 0.3,
  sourceBalance: 0.5,
  seed: 7,
  promptShare: 1,
  descriptorRidge: 3,
  unseenKindPromptScale: 0.25,
  headBits: 0,
  l2Head: 1e-4,
};

/** Descriptors by canonical model id, computed once by the caller. */
export type DescriptorLookup = (model: string) => Float32Array;

/** Adagrad state: one accumulator per parameter. */
class Adagrad {
  constructor(private readonly learningRate: number) {}

  step(weights: Float32Array, accumulators: Float32Array, index: number, gradient: number): void {
    const accumulated = (accumulators[index] ?? 0) + gradient * gradient;
    accumulators[index] = accumulated;
    weights[index] = (weights[index] ?? 0) - (this.learningRate * gradient) / (Math.sqrt(accumulated) + 1e-6);
  }
}

/** Source weights so that large sources do not drown small ones (see `sourceBalance`). */
export function sourceWeights(records: readonly EncodedRecord[], balance: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { record } of records) counts.set(record.source, (counts.get(record.source) ?? 0) + record.outcomes.length);
  const mean = [...counts.values()].reduce((sum, count) => sum + count, 0) / Math.max(1, counts.size);
  return new Map([...counts].map(([source, count]) => [source, Math.pow(mean / count, balance)]));
}

/** Adagrad accumulators, one per trained parameter. */
interface OptimizerState {
  readonly rows: Float32Array;
  readonly descriptorMap: Float32Array;
  readonly kindBias: Float32Array;
  readonly taskHead: Float32Array;
  readonly residuals: Map<string, Float32Array>;
  readonly heads: Map<string, Float32Array>;
}

/**
 * Trains the shared factor model with Adagrad on soft cross-entropy (quality in [0,1] is the
 * target), deterministic for a fixed seed: same data and options give bit-identical weights.
 */
export function trainFactorModel(records: readonly EncodedRecord[], describe: DescriptorLookup, options: FactorOptions = defaultFactorOptions): QualityParams {
  const trainer = new FactorTrainer(records, describe, options);
  const order = records.map((_, index) => index);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffleInPlace(order, trainer.random);
    for (const recordIndex of order) trainer.trainPrompt(records[recordIndex] as EncodedRecord, epoch === 0);
  }
  return trainer.finish();
}

/** One training run's parameters, optimizer state and scratch buffers. */
class FactorTrainer {
  readonly random: () => number;
  private readonly params: QualityParams;
  private readonly state: OptimizerState;
  private readonly optimizer: Adagrad;
  private readonly weights: Map<string, number>;
  private readonly width: number;
  private readonly prompt: Float32Array;
  private readonly promptGradient: Float32Array;
  private readonly vector: Float32Array;
  private readonly probabilities = new Float32Array(taskTypes.length);
  private readonly kindWeight = new Float64Array(kindSlots.length);
  private readonly touched = new Uint8Array(featureRows);

  constructor(
    private readonly records: readonly EncodedRecord[],
    private readonly describe: DescriptorLookup,
    private readonly options: FactorOptions,
  ) {
    this.random = seededRandom(options.seed);
    this.params = createQualityParams(options.dim, options.headBits);
    this.width = options.dim + 1;
    const { params, width, random } = this;
    for (let index = 0; index < featureRows * width; index += 1) {
      if (index % width !== 0) params.rows[index] = (random() - 0.5) * 0.02;
    }
    for (let index = 0; index < params.descriptorMap.length; index += 1) params.descriptorMap[index] = (random() - 0.5) * 0.1;
    for (let index = 0; index < params.taskHead.length; index += 1) params.taskHead[index] = (random() - 0.5) * 0.1;
    this.state = {
      rows: new Float32Array(params.rows.length),
      descriptorMap: new Float32Array(params.descriptorMap.length),
      kindBias: new Float32Array(params.kindBias.length),
      taskHead: new Float32Array(params.taskHead.length),
      residuals: new Map(),
      heads: new Map(),
    };
    this.optimizer = new Adagrad(options.learningRate);
    this.weights = sourceWeights(records, options.sourceBalance);
    this.prompt = new Float32Array(width);
    this.promptGradient = new Float32Array(width);
    this.vector = new Float32Array(width);
  }

  /** One prompt: every outcome's gradient, then the shared prompt side once. */
  trainPrompt(encoded: EncodedRecord, firstEpoch: boolean): void {
    const { params, options, prompt, promptGradient, width } = this;
    const sourceWeight = this.weights.get(encoded.record.source) ?? 1;
    representPrompt(params, encoded.features, prompt);
    promptGradient.fill(0);
    for (const outcome of encoded.record.outcomes) this.trainOutcome(encoded, outcome.model, outcome.quality, sourceWeight);
    if (firstEpoch) this.kindWeight[encoded.kindSlot] = (this.kindWeight[encoded.kindSlot] ?? 0) + sourceWeight * encoded.record.outcomes.length;
    const share = Math.pow(Math.max(1, encoded.record.outcomes.length), -options.promptShare);
    for (let column = 0; column < width; column += 1) promptGradient[column] = (promptGradient[column] ?? 0) * share;
    if (encoded.taskLabel >= 0 && options.taskWeight > 0)
      trainTaskHead(params, this.state.taskHead, this.optimizer, prompt, promptGradient, this.probabilities, encoded.taskLabel, options.taskWeight);
    this.updateRows(encoded);
  }

  private trainOutcome(encoded: EncodedRecord, model: string, quality: number, sourceWeight: number): void {
    const { params, options, state, optimizer, prompt, promptGradient, vector, width } = this;
    const descriptor = this.describe(model);
    const residual = this.residualOf(model);
    const head = params.heads.get(model);
    const useResidual = this.random() >= options.residualDropout;
    modelVector(params, descriptor, useResidual ? residual : undefined, vector);
    const headPart = head ? headLogit(head, encoded.features, options.headBits) : 0;
    const delta = (sigmoid(qualityLogit(params, prompt, vector, encoded.kindSlot) + headPart) - quality) * sourceWeight;
    if (head) trainHead(head, state.heads.get(model) as Float32Array, optimizer, encoded, delta, options);
    optimizer.step(params.kindBias, state.kindBias, encoded.kindSlot, delta);
    promptGradient[0] = (promptGradient[0] ?? 0) + delta;
    for (let column = 1; column < width; column += 1) promptGradient[column] = (promptGradient[column] ?? 0) + delta * (vector[column] ?? 0);
    const residualState = state.residuals.get(model) as Float32Array;
    for (let row = 0; row < width; row += 1) {
      const gradient = row === 0 ? delta : delta * (prompt[row] ?? 0);
      if (useResidual) optimizer.step(residual, residualState, row, gradient + options.l2Residual * (residual[row] ?? 0));
      const base = row * descriptorSize;
      for (let column = 0; column < descriptorSize; column += 1) {
        const feature = descriptor[column] ?? 0;
        if (feature !== 0)
          optimizer.step(params.descriptorMap, state.descriptorMap, base + column, gradient * feature + 1e-4 * (params.descriptorMap[base + column] ?? 0));
      }
    }
  }

  /** A model's residual (and head), created at zero the first time the model is seen. */
  private residualOf(model: string): Float32Array {
    const { params, state, width } = this;
    let residual = params.residuals.get(model);
    if (!residual) {
      residual = new Float32Array(width);
      params.residuals.set(model, residual);
      state.residuals.set(model, new Float32Array(width));
      const headLength = headSize(this.options.headBits);
      if (headLength > 0) {
        params.heads.set(model, new Float32Array(headLength));
        state.heads.set(model, new Float32Array(headLength));
      }
    }
    return residual;
  }

  private updateRows(encoded: EncodedRecord): void {
    const { params, options, promptGradient, width, optimizer, state } = this;
    const features = encoded.features;
    for (let index = 0; index < features.count; index += 1) {
      const value = features.values[index] ?? 0;
      const row = features.indices[index] ?? 0;
      this.touched[row] = 1;
      const base = row * width;
      for (let column = 0; column < width; column += 1) {
        const gradient = value * (promptGradient[column] ?? 0) + options.l2Rows * (params.rows[base + column] ?? 0);
        optimizer.step(params.rows, state.rows, base + column, gradient);
      }
    }
  }

  /** Kind intercepts and scales, the descriptor refit, and zeroed rows no prompt touched. */
  finish(): QualityParams {
    const { params, options, width } = this;
    setGenericKindBias(params, this.kindWeight);
    this.kindWeight.forEach((weight, slot) => {
      if (weight === 0 || slot === kindSlots.length - 1) params.kindPromptScale[slot] = options.unseenKindPromptScale;
    });
    if (options.descriptorRidge > 0)
      refitDescriptorMap(
        params,
        this.describe,
        new Map([...modelQualityStats(this.records)].map(([model, stats]) => [model, stats.count])),
        options.descriptorRidge,
      );
    // A feature no training prompt had keeps no weight: unseen text must not add random noise.
    this.touched.forEach((wasTouched, row) => {
      if (!wasTouched) params.rows.fill(0, row * width, (row + 1) * width);
    });
    return params;
  }
}

function trainHead(head: Float32Array, accumulators: Float32Array, optimizer: Adagrad, encoded: EncodedRecord, delta: number, options: FactorOptions): void {
  const features = encoded.features;
  for (let index = 0; index < features.count; index += 1) {
    const slot = headSlot(features.indices[index] ?? 0, options.headBits);
    optimizer.step(head, accumulators, slot, delta * (features.values[index] ?? 0) + options.l2Head * (head[slot] ?? 0));
  }
}

function trainTaskHead(
  params: QualityParams,
  accumulators: Float32Array,
  optimizer: Adagrad,
  prompt: Float32Array,
  promptGradient: Float32Array,
  probabilities: Float32Array,
  label: number,
  weight: number,
): void {
  const width = params.dim + 1;
  taskProbabilities(params, prompt, probabilities);
  for (let task = 0; task < taskTypes.length; task += 1) {
    const delta = ((probabilities[task] ?? 0) - (task === label ? 1 : 0)) * weight;
    for (let column = 0; column < width; column += 1) {
      const index = task * width + column;
      if (column > 0) promptGradient[column] = (promptGradient[column] ?? 0) + delta * (params.taskHead[index] ?? 0);
      optimizer.step(params.taskHead, accumulators, index, delta * (column === 0 ? 1 : (prompt[column] ?? 0)));
    }
  }
}

/** Kinds never seen in training take the weighted mean intercept, and so does "generic". */
function setGenericKindBias(params: QualityParams, kindWeight: Float64Array): void {
  let total = 0;
  let sum = 0;
  kindWeight.forEach((weight, slot) => {
    total += weight;
    sum += weight * (params.kindBias[slot] ?? 0);
  });
  const generic = total > 0 ? sum / total : 0;
  kindWeight.forEach((weight, slot) => {
    if (weight === 0) params.kindBias[slot] = generic;
  });
  params.kindBias[kindSlots.length - 1] = generic;
}
