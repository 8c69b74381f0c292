import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { featureVersion } from "../features/feature-space.js";
import type { ArtifactMeta } from "../model/artifact-format.js";
import { artifactFormat } from "../model/artifact-format.js";
import type { Calibrator } from "../model/isotonic-calibrator.js";
import { calibrate } from "../model/isotonic-calibrator.js";
import { describeModel, descriptorNames } from "../model/model-descriptor.js";
import type { NoveltyFilter } from "../model/novelty-filter.js";
import { buildNoveltyFilter } from "../model/novelty-filter.js";
import type { QualityParams } from "../model/quality-model.js";
import { kindSlots } from "../model/quality-model.js";
import { auroc, brierScore, expectedCalibrationError } from "../metrics/probability-metrics.js";
import { quantileSorted } from "../metrics/pair-metrics.js";
import { loadRecords } from "./dataset.js";
import type { EncodedRecord } from "./encoded-dataset.js";
import { encodeRecords } from "./encoded-dataset.js";
import { factorPredictor } from "./factor-predictor.js";
import { modelQualityStats } from "./model-stats.js";
import type { FactorOptions } from "./factor-trainer.js";
import { trainFactorModel } from "./factor-trainer.js";
import { stableUnit } from "./seeded-random.js";
import type { CalibratorSet } from "./validation-run.js";
import { calibratorFor, fitCalibrators, predictAll } from "./validation-run.js";

/** What a training run produces: everything the artifact needs except the weight file names. */
export interface TrainedSelector {
  readonly meta: Omit<ArtifactMeta, "weights">;
  readonly params: QualityParams;
  readonly filter: NoveltyFilter;
}

/** Bits of the novelty filter (2^22 bits = 512 KiB before gzip). */
const filterBits = 22;

/** SHA-256 over each file's base name and bytes, in name order: the artifact's data identity. */
export function hashDataFiles(files: readonly string[]): { hash: string; perFile: Array<{ file: string; sha256: string }> } {
  const sorted = [...files].sort((a, b) => (basename(a) < basename(b) ? -1 : 1));
  const total = createHash("sha256");
  const perFile = sorted.map((file) => {
    const bytes = readFileSync(file);
    total.update(basename(file)).update(bytes);
    return { file: basename(file), sha256: createHash("sha256").update(bytes).digest("hex") };
  });
  return { hash: total.digest("hex"), perFile };
}

/**
 * The whole training run, deterministic for fixed data and options: K-fold out-of-fold
 * predictions fit the per-kind isotonic calibrators and the novelty scale (so neither is fitted
 * on predictions for prompts the model trained on); then the final model trains on everything.
 */
export function trainSelector(files: readonly string[], options: FactorOptions, folds = 5, log: (line: string) => void = () => undefined): TrainedSelector {
  const perFileRecords = files.map((file) => ({ file: basename(file), records: loadRecords([file]) }));
  const records = perFileRecords.flatMap((entry) => entry.records);
  const encoded = encodeRecords(records);
  const descriptors = new Map<string, Float32Array>();
  const describe = (model: string): Float32Array => descriptors.get(model) ?? (descriptors.set(model, describeModel(model)).get(model) as Float32Array);
  const foldOf = (item: EncodedRecord): number => Math.floor(stableUnit(item.record.id, options.seed) * folds);
  const outOfFold = new Map<EncodedRecord, Float64Array>();
  const noveltyRaw: number[] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const train = encoded.filter((item) => foldOf(item) !== fold);
    const held = encoded.filter((item) => foldOf(item) === fold);
    const predictions = predictAll(factorPredictor(trainFactorModel(train, describe, options), describe), held);
    for (const [item, values] of predictions) outOfFold.set(item, values);
    const filter = buildNoveltyFilter(
      train.map((item) => item.features),
      filterBits,
    );
    for (const item of held) noveltyRaw.push(filter.unseenShare(item.features));
    log(`fold ${fold + 1}/${folds}: trained on ${train.length} prompts, predicted ${held.length}`);
  }
  const calibrators = fitCalibrators(encoded, outOfFold);
  const params = trainFactorModel(encoded, describe, options);
  log(`final model: ${encoded.length} prompts, ${params.residuals.size} models`);
  const { hash, perFile } = hashDataFiles(files);
  noveltyRaw.sort((a, b) => a - b);
  return {
    params,
    filter: buildNoveltyFilter(
      encoded.map((item) => item.features),
      filterBits,
    ),
    meta: {
      format: artifactFormat,
      version: `${featureVersion}-${hash.slice(0, 12)}`,
      featureVersion,
      dataHash: hash,
      trainedOn: perFile.map((entry) => ({
        ...entry,
        records: perFileRecords.filter((item) => item.file === entry.file).reduce((sum, item) => sum + item.records.length, 0),
      })),
      options: { ...options, folds },
      dim: params.dim,
      descriptorNames: [...descriptorNames],
      descriptorMap: Array.from(params.descriptorMap, round),
      kindBias: Array.from(params.kindBias, round),
      kindPromptScale: Array.from(params.kindPromptScale, round),
      taskHead: Array.from(params.taskHead, round),
      models: modelEntries(encoded, params),
      calibrators: calibratorEntries(calibrators),
      novelty: { filterBits, inDistributionMedian: round(quantileSorted(noveltyRaw, 0.5)), inDistributionP95: round(quantileSorted(noveltyRaw, 0.95)) },
      outOfFold: outOfFoldFigures(encoded, outOfFold, calibrators),
    },
  };
}

function modelEntries(encoded: readonly EncodedRecord[], params: QualityParams): ArtifactMeta["models"] {
  const stats = modelQualityStats(encoded);
  const entries = [...params.residuals].sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(
    entries.map(([model, residual]) => {
      const { sum, count } = stats.get(model) ?? { sum: 0, count: 0 };
      return [model, { residual: Array.from(residual, round), outcomes: count, meanQuality: round(count > 0 ? sum / count : 0) }];
    }),
  );
}

/** Kind calibrators under their kind's name, source calibrators under "source:<name>". */
function calibratorEntries(calibrators: CalibratorSet): ArtifactMeta["calibrators"] {
  const entries: ArtifactMeta["calibrators"] = {};
  const put = (name: string, calibrator: Calibrator | undefined): void => {
    entries[name] = { knotsX: (calibrator?.knotsX ?? []).map(round), knotsY: (calibrator?.knotsY ?? []).map(round) };
  };
  kindSlots.forEach((slot, index) => put(slot, calibrators.byKind[index]));
  for (const [source, calibrator] of [...calibrators.bySource].sort(([a], [b]) => (a < b ? -1 : 1))) put(`source:${source}`, calibrator);
  return entries;
}

function outOfFoldFigures(
  encoded: readonly EncodedRecord[],
  outOfFold: ReadonlyMap<EncodedRecord, Float64Array>,
  calibrators: CalibratorSet,
): Record<string, number> {
  const raw: number[] = [];
  const calibrated: number[] = [];
  const observed: number[] = [];
  for (const item of encoded) {
    const values = outOfFold.get(item);
    const calibrator = calibratorFor(calibrators, item);
    item.record.outcomes.forEach((outcome, index) => {
      const value = values?.[index] ?? 0;
      raw.push(value);
      calibrated.push(calibrator ? calibrate(calibrator, value) : value);
      observed.push(outcome.quality);
    });
  }
  return {
    outcomes: observed.length,
    brierRaw: round(brierScore(raw, observed)),
    brierCalibrated: round(brierScore(calibrated, observed)),
    eceRaw: round(expectedCalibrationError(raw, observed)),
    eceCalibratedInSample: round(expectedCalibrationError(calibrated, observed)),
    auroc: round(auroc(raw, observed)),
  };
}

/** Six significant digits: keeps the JSON small and diffs readable. */
function round(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(6)) : 0;
}
