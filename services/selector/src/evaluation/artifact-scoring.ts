import type { LoadedArtifact } from "../model/artifact-store.js";
import type { CandidateProfile } from "../model/resolved-model.js";
import { SelectorModel } from "../model/selector-model.js";
import type { TaskType } from "../model/quality-model.js";
import { taskTypes } from "../model/quality-model.js";
import type { RoutingRecord } from "../training/dataset.js";
import type { ScoredRecord } from "./evaluation-tables.js";

/**
 * Scores records with the committed artifact exactly as the service does (same SelectorModel,
 * same calibration), calibrating for each record's source when the artifact has a calibrator for
 * it (a source it trained on), else for its quality kind. Models the artifact does not
 * know get the prior, or the `--alias` target when one was given.
 */
export function scoreRecords(artifact: LoadedArtifact, records: readonly RoutingRecord[], profiles: ReadonlyMap<string, CandidateProfile>): ScoredRecord[] {
  const model = new SelectorModel(artifact, profiles);
  return records.map((record) => {
    const candidates = record.outcomes.map((outcome) => outcome.model);
    const result = model.score(record.prompt, candidates, { kind: record.kind, source: record.source });
    const taskType: TaskType = (taskTypes as readonly string[]).includes(result.taskType) ? (result.taskType as TaskType) : "chat";
    return { record, taskType, predicted: Float64Array.from(result.scores, (score) => score.predictedQuality) };
  });
}

/** How each model in the file was scored: "trained", "alias:<model>" or "prior". */
export function modelSources(
  artifact: LoadedArtifact,
  records: readonly RoutingRecord[],
  profiles: ReadonlyMap<string, CandidateProfile>,
): Map<string, string> {
  const model = new SelectorModel(artifact, profiles);
  const sources = new Map<string, string>();
  for (const record of records)
    for (const outcome of record.outcomes) if (!sources.has(outcome.model)) sources.set(outcome.model, model.model(outcome.model).source);
  return sources;
}
