import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { answerFeatureVersion } from "./answer-features.js";
import type { AnswerScorerMeta } from "./answer-scorer.js";
import { AnswerScorer } from "./answer-scorer.js";
import { PackedAnswerWeights } from "./answer-weights.js";

const metaName = "answer-scorer.json";
const weightsName = "answer-weights.bin.gz";

/** Writes the scorer: its metadata (JSON) and its packed weights (count, ids, float32 values; gzip). */
export function writeAnswerArtifact(directory: string, meta: AnswerScorerMeta & { readonly trainedOn?: number }, weights: PackedAnswerWeights): void {
  const count = weights.ids.length;
  const buffer = Buffer.alloc(4 + count * 8);
  buffer.writeUInt32LE(count, 0);
  Buffer.from(weights.ids.buffer, weights.ids.byteOffset, count * 4).copy(buffer, 4);
  Buffer.from(weights.values.buffer, weights.values.byteOffset, count * 4).copy(buffer, 4 + count * 4);
  writeFileSync(join(directory, weightsName), gzipSync(buffer, { level: 9 }));
  writeFileSync(join(directory, metaName), `${JSON.stringify(meta, null, 1)}\n`);
}

/** Loads the scorer from an artifact directory; refuses a feature-version mismatch. */
export function loadAnswerScorer(directory: string): AnswerScorer {
  const meta = JSON.parse(readFileSync(join(directory, metaName), "utf8")) as AnswerScorerMeta;
  if (meta.featureVersion !== answerFeatureVersion)
    throw new Error(
      `${join(directory, metaName)}: answer features ${meta.featureVersion}, this build reads ${answerFeatureVersion}; retrain with npm run selector:train-answers`,
    );
  const buffer = gunzipSync(readFileSync(join(directory, weightsName)));
  const count = buffer.readUInt32LE(0);
  const ids = new Int32Array(count);
  const values = new Float32Array(count);
  for (let index = 0; index < count; index += 1) {
    ids[index] = buffer.readInt32LE(4 + index * 4);
    values[index] = buffer.readFloatLE(4 + count * 4 + index * 4);
  }
  return new AnswerScorer(meta, new PackedAnswerWeights(ids, values));
}
