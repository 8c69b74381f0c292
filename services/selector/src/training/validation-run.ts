import type { Calibrator } from "../model/isotonic-calibrator.js";
import { calibrate, fitIsotonic } from "../model/isotonic-calibrator.js";
import { kindSlots } from "../model/quality-model.js";
import type { Predictor } from "./baseline-models.js";
import type { EncodedRecord } from "./encoded-dataset.js";
import { stableUnit } from "./seeded-random.js";

/** A method under comparison: fits on training records, returns raw probabilities. */
export interface Method {
  readonly name: string;
  fit(train: readonly EncodedRecord[]): Predictor;
}

/** Calibrated predictions of one method on test records, one array per record (outcome order). */
export type Predictions = ReadonlyMap<EncodedRecord, Float64Array>;

/**
 * Calibration fitted on held-out raw predictions: one isotonic map per kind slot ("generic"
 * pools everything and stands in for kinds with too little data), and one per source with
 * enough outcomes, used when a caller names the source (evaluation files do; Score does not).
 */
export interface CalibratorSet {
  readonly byKind: readonly Calibrator[];
  readonly bySource: ReadonlyMap<string, Calibrator>;
}

/** Outcomes a kind or source needs before it gets a calibrator of its own. */
const minCalibrationOutcomes = 1000;

export function fitCalibrators(records: readonly EncodedRecord[], raw: Predictions): CalibratorSet {
  const byKind = kindSlots.map(() => ({ x: [] as number[], y: [] as number[] }));
  const bySource = new Map<string, { x: number[]; y: number[] }>();
  const all = { x: [] as number[], y: [] as number[] };
  for (const encoded of records) {
    const predictions = raw.get(encoded);
    if (!predictions) continue;
    const source = bySource.get(encoded.record.source) ?? { x: [], y: [] };
    bySource.set(encoded.record.source, source);
    encoded.record.outcomes.forEach((outcome, index) => {
      for (const bucket of [byKind[encoded.kindSlot] as { x: number[]; y: number[] }, source, all]) {
        bucket.x.push(predictions[index] ?? 0);
        bucket.y.push(outcome.quality);
      }
    });
  }
  const generic = fitIsotonic(all.x, all.y);
  return {
    byKind: byKind.map((bucket, slot) =>
      slot === kindSlots.length - 1 || bucket.x.length < minCalibrationOutcomes ? generic : fitIsotonic(bucket.x, bucket.y),
    ),
    bySource: new Map(
      [...bySource].filter(([, bucket]) => bucket.x.length >= minCalibrationOutcomes).map(([name, bucket]) => [name, fitIsotonic(bucket.x, bucket.y)]),
    ),
  };
}

/** The calibrator for a record: its source's when there is one, else its kind's. */
export function calibratorFor(set: CalibratorSet, encoded: EncodedRecord): Calibrator | undefined {
  return set.bySource.get(encoded.record.source) ?? set.byKind[encoded.kindSlot];
}

/** Raw predictions of a predictor for every outcome of every record. */
export function predictAll(predictor: Predictor, records: readonly EncodedRecord[]): Map<EncodedRecord, Float64Array> {
  const out = new Map<EncodedRecord, Float64Array>();
  for (const encoded of records)
    out.set(
      encoded,
      Float64Array.from(encoded.record.outcomes, (outcome) => predictor(encoded, outcome.model)),
    );
  return out;
}

/** Applies calibration in place (source first, then kind). */
export function applyCalibrators(records: readonly EncodedRecord[], predictions: Map<EncodedRecord, Float64Array>, calibrators: CalibratorSet): void {
  for (const encoded of records) {
    const values = predictions.get(encoded);
    const calibrator = calibratorFor(calibrators, encoded);
    if (!values || !calibrator) continue;
    for (let index = 0; index < values.length; index += 1) values[index] = calibrate(calibrator, values[index] ?? 0);
  }
}

/**
 * Fits a method on 80% of the training prompts, fits its per-kind calibration on the other 20%
 * (so calibration never sees the data the method fitted), and returns calibrated predictions
 * for the test records.
 */
export function runMethod(method: Method, train: readonly EncodedRecord[], test: readonly EncodedRecord[], seed = 99): Map<EncodedRecord, Float64Array> {
  const fitPart = train.filter((encoded) => stableUnit(encoded.record.id, seed) >= 0.2);
  const calibrationPart = train.filter((encoded) => stableUnit(encoded.record.id, seed) < 0.2);
  const predictor = method.fit(fitPart);
  const calibrators = fitCalibrators(calibrationPart, predictAll(predictor, calibrationPart));
  const predictions = predictAll(predictor, test);
  applyCalibrators(test, predictions, calibrators);
  return predictions;
}
