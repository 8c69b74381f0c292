import type { SparseFeatures } from "../features/feature-space.js";
import { cloneFeatures, createSparseFeatures } from "../features/feature-space.js";
import { PromptFeaturizer } from "../features/prompt-featurizer.js";
import { kindSlotOf } from "../model/quality-model.js";
import type { RoutingRecord } from "./dataset.js";
import { taskLabelOf } from "./task-labels.js";

/** A record with its features computed once, ready for training and evaluation. */
export interface EncodedRecord {
  readonly record: RoutingRecord;
  readonly features: SparseFeatures;
  readonly kindSlot: number;
  readonly taskLabel: number;
}

/** Featurizes every record (the expensive step, done once per run). */
export function encodeRecords(records: readonly RoutingRecord[]): EncodedRecord[] {
  const featurizer = new PromptFeaturizer();
  const buffer = createSparseFeatures();
  return records.map((record) => ({
    record,
    features: cloneFeatures(featurizer.extract(record.prompt, buffer)),
    kindSlot: kindSlotOf(record.kind),
    taskLabel: taskLabelOf(record.task),
  }));
}
