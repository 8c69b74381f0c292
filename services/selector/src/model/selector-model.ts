import { costOfTokens } from "@switchyard/runtime";
import type { SparseFeatures } from "../features/feature-space.js";
import { createSparseFeatures } from "../features/feature-space.js";
import { PromptFeaturizer } from "../features/prompt-featurizer.js";
import type { LoadedArtifact } from "./artifact-store.js";
import type { Calibrator } from "./isotonic-calibrator.js";
import { calibrate, identityCalibrator } from "./isotonic-calibrator.js";
import { scaleNovelty } from "./novelty-filter.js";
import { defaultOutputTokens } from "./pricing.js";
import type { TaskType } from "./quality-model.js";
import type { PromptRows } from "./compact-rows.js";
import { compactRows } from "./compact-rows.js";
import { headLogit, kindSlotOf, kindSlots, qualityLogit, sigmoid, taskProbabilities, taskTypes } from "./quality-model.js";
import type { CandidateProfile, ResolvedModel } from "./resolved-model.js";
import { resolveModel } from "./resolved-model.js";

/** Per-call options (the request's hints). */
export interface ScoreOptions {
  /** Quality kind to calibrate for ("binary" when absent: probability the answer is right). */
  readonly kind?: string;
  /** The traffic's source, when known (evaluation files name it): its calibration is preferred. */
  readonly source?: string;
  readonly taskType?: string;
  readonly expectedOutputTokens?: number;
}

/** Adjusts a calibrated probability with what feedback taught about a model. */
export interface FeedbackAdjuster {
  adjust(model: string, probability: number): number;
  observations(model: string): number;
}

/** One candidate's score. */
export interface CandidateScore {
  readonly model: string;
  /** Calibrated and feedback-adjusted probability that the answer is good. */
  readonly predictedQuality: number;
  /** Calibrated probability before the feedback adjustment (what Feedback learns from). */
  readonly baseQuality: number;
  readonly confidence: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costNanoUsd: bigint;
  readonly source: string;
}

export interface PromptScore {
  readonly taskType: string;
  readonly complexity: number;
  readonly novelty: number;
  readonly scores: CandidateScore[];
}

const noAdjustment: FeedbackAdjuster = { adjust: (_model, probability) => probability, observations: () => 0 };

/**
 * In-process inference over a loaded artifact: featurize once, represent the prompt once, then
 * a dot product (plus a sparse head) per candidate. Candidates are resolved once and cached.
 * Not re-entrant (reuses buffers), which is fine on Node's single thread.
 */
export class SelectorModel {
  readonly version: string;
  private readonly featurizer = new PromptFeaturizer();
  private readonly features: SparseFeatures = createSparseFeatures();
  private readonly prompt: Float32Array;
  private readonly taskBuffer = new Float32Array(taskTypes.length);
  private readonly calibrators: Calibrator[];
  private readonly resolved = new Map<string, ResolvedModel>();
  private readonly panel: Float32Array;
  private readonly rows: PromptRows;

  constructor(
    private readonly artifact: LoadedArtifact,
    private readonly profiles: ReadonlyMap<string, CandidateProfile> = new Map(),
  ) {
    this.version = artifact.meta.version;
    this.prompt = new Float32Array(artifact.params.dim + 1);
    this.calibrators = kindSlots.map((slot) => artifact.meta.calibrators[slot] ?? identityCalibrator);
    this.panel = meanTrainedVector(artifact);
    this.rows = compactRows(artifact.params.rows, artifact.params.dim + 1);
  }

  /** The resolved form of a model name (cached; profiles come from the configuration). */
  model(name: string): ResolvedModel {
    let model = this.resolved.get(name);
    if (!model) {
      model = resolveModel(this.artifact, name, this.profiles.get(name));
      this.resolved.set(name, model);
    }
    return model;
  }

  /** Scores a prompt against candidates. */
  score(text: string, candidates: readonly string[], options: ScoreOptions = {}, feedback: FeedbackAdjuster = noAdjustment): PromptScore {
    const { params, filter, meta } = this.artifact;
    const features = this.featurizer.extract(text, this.features);
    const inputTokens = features.tokens;
    this.rows.represent(features, this.prompt);
    const blank = features.hashedCount === 0;
    const novelty = blank ? 1 : scaleNovelty(filter.unseenShare(features), meta.novelty.inDistributionMedian, meta.novelty.inDistributionP95);
    const taskType = this.taskType(options.taskType);
    const kindSlot = kindSlotOf(options.kind ?? "binary");
    const calibrator =
      (options.source !== undefined ? this.artifact.meta.calibrators[`source:${options.source}`] : undefined) ??
      this.calibrators[kindSlot] ??
      identityCalibrator;
    const outputTokens =
      options.expectedOutputTokens && options.expectedOutputTokens > 0
        ? options.expectedOutputTokens
        : (defaultOutputTokens[taskType as TaskType] ?? defaultOutputTokens.chat);
    const scores = candidates.map((name) => {
      const model = this.model(name);
      const raw = sigmoid(qualityLogit(params, this.prompt, model.vector, kindSlot) + (model.head ? headLogit(model.head, features, params.headBits) : 0));
      const baseQuality = calibrate(calibrator, raw);
      const observations = feedback.observations(name);
      const familiarity = model.familiarity + ((1 - model.familiarity) * observations) / (observations + 100);
      return {
        model: name,
        predictedQuality: clampUnit(feedback.adjust(name, baseQuality)),
        baseQuality,
        confidence: clampUnit((1 - 0.6 * novelty) * familiarity),
        inputTokens,
        outputTokens,
        costNanoUsd: costOfTokens(inputTokens, model.inputNanoPerMillion) + costOfTokens(outputTokens, model.outputNanoPerMillion),
        source: model.source,
      };
    });
    const complexity = 1 - calibrate(calibrator, sigmoid(qualityLogit(params, this.prompt, this.panel, kindSlot)));
    return { taskType, complexity: clampUnit(complexity), novelty, scores };
  }

  /** The caller's task type when given, else the task head's most likely family. */
  private taskType(hint: string | undefined): string {
    if (hint) return hint;
    taskProbabilities(this.artifact.params, this.prompt, this.taskBuffer);
    let best = 0;
    for (let task = 1; task < taskTypes.length; task += 1) if ((this.taskBuffer[task] ?? 0) > (this.taskBuffer[best] ?? 0)) best = task;
    return taskTypes[best] ?? "chat";
  }
}

/** The outcome-weighted mean model vector of the trained models: complexity is 1 - its quality. */
function meanTrainedVector(artifact: LoadedArtifact): Float32Array {
  const width = artifact.params.dim + 1;
  const mean = new Float32Array(width);
  let total = 0;
  for (const [name, entry] of Object.entries(artifact.meta.models)) {
    const vector = resolveModel(artifact, name).vector;
    for (let column = 0; column < width; column += 1) mean[column] = (mean[column] ?? 0) + entry.outcomes * (vector[column] ?? 0);
    total += entry.outcomes;
  }
  for (let column = 0; column < width; column += 1) mean[column] = (mean[column] ?? 0) / Math.max(1, total);
  return mean;
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
