import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { featureRows, featureVersion } from "../features/feature-space.js";
import type { ArtifactMeta } from "./artifact-format.js";
import { artifactMetaSchema } from "./artifact-format.js";
import { NoveltyFilter } from "./novelty-filter.js";
import type { QualityParams } from "./quality-model.js";
import { createQualityParams, headSize } from "./quality-model.js";

/** File names inside an artifact directory. */
export const artifactFiles = {
  meta: "selector-model.json",
  weights: "selector-weights.bin.gz",
  heads: "selector-heads.bin.gz",
  filter: "selector-novelty.bin.gz",
} as const;

/** A loaded artifact: metadata, dequantised parameters and the novelty filter. */
export interface LoadedArtifact {
  readonly meta: ArtifactMeta;
  readonly params: QualityParams;
  readonly filter: NoveltyFilter;
}

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/**
 * Quantises the feature rows that training touched (8 bits per weight, one float scale per
 * row; untouched rows are zero and not stored) and gzips them. Output is byte-for-byte
 * deterministic for the same parameters.
 */
export function encodeRows(params: QualityParams): { bytes: Uint8Array; rows: number } {
  const width = params.dim + 1;
  const stored: number[] = [];
  for (let row = 0; row < featureRows; row += 1) {
    for (let column = 0; column < width; column += 1) {
      if ((params.rows[row * width + column] ?? 0) !== 0) {
        stored.push(row);
        break;
      }
    }
  }
  const record = 8 + width;
  const buffer = Buffer.alloc(stored.length * record);
  stored.forEach((row, at) => {
    let max = 0;
    for (let column = 0; column < width; column += 1) max = Math.max(max, Math.abs(params.rows[row * width + column] ?? 0));
    const scale = max / 127 || 1;
    buffer.writeInt32LE(row, at * record);
    buffer.writeFloatLE(scale, at * record + 4);
    for (let column = 0; column < width; column += 1) buffer.writeInt8(Math.round((params.rows[row * width + column] ?? 0) / scale), at * record + 8 + column);
  });
  return { bytes: gzipSync(buffer, { level: 9 }), rows: stored.length };
}

/** Quantises the per-model heads (8 bits, one scale per model), in sorted model order. */
export function encodeHeads(params: QualityParams): Uint8Array {
  const size = headSize(params.headBits);
  const models = [...params.heads.keys()].sort();
  const buffer = Buffer.alloc(models.length * (4 + size));
  models.forEach((model, at) => {
    const head = params.heads.get(model) as Float32Array;
    const scale = head.reduce((max, value) => Math.max(max, Math.abs(value)), 0) / 127 || 1;
    const base = at * (4 + size);
    buffer.writeFloatLE(scale, base);
    for (let slot = 0; slot < size; slot += 1) buffer.writeInt8(Math.round((head[slot] ?? 0) / scale), base + 4 + slot);
  });
  return gzipSync(buffer, { level: 9 });
}

function decodeHeads(bytes: Uint8Array, params: QualityParams, models: readonly string[]): void {
  const size = headSize(params.headBits);
  if (size === 0) return;
  const buffer = gunzipSync(bytes);
  if (buffer.length !== models.length * (4 + size))
    throw new Error(`selector heads: expected ${models.length} heads of ${size} weights, found ${buffer.length} bytes`);
  models.forEach((model, at) => {
    const base = at * (4 + size);
    const scale = buffer.readFloatLE(base);
    const head = new Float32Array(size);
    for (let slot = 0; slot < size; slot += 1) head[slot] = buffer.readInt8(base + 4 + slot) * scale;
    params.heads.set(model, head);
  });
}

function decodeRows(bytes: Uint8Array, params: QualityParams, rowCount: number): void {
  const width = params.dim + 1;
  const buffer = gunzipSync(bytes);
  const record = 8 + width;
  if (buffer.length !== rowCount * record) throw new Error(`selector weights: expected ${rowCount} rows of ${record} bytes, found ${buffer.length} bytes`);
  for (let at = 0; at < rowCount; at += 1) {
    const row = buffer.readInt32LE(at * record);
    const scale = buffer.readFloatLE(at * record + 4);
    if (row < 0 || row >= featureRows) throw new Error(`selector weights: row ${row} out of range`);
    for (let column = 0; column < width; column += 1) params.rows[row * width + column] = buffer.readInt8(at * record + 8 + column) * scale;
  }
}

/** Writes the three artifact files; returns the metadata as written. */
export function writeArtifact(directory: string, meta: Omit<ArtifactMeta, "weights">, params: QualityParams, filter: NoveltyFilter): ArtifactMeta {
  const rows = encodeRows(params);
  const heads = encodeHeads(params);
  const filterBytes = gzipSync(filter.bits, { level: 9 });
  writeFileSync(join(directory, artifactFiles.weights), rows.bytes);
  writeFileSync(join(directory, artifactFiles.heads), heads);
  writeFileSync(join(directory, artifactFiles.filter), filterBytes);
  const full: ArtifactMeta = {
    ...meta,
    weights: {
      file: artifactFiles.weights,
      sha256: sha256(rows.bytes),
      rows: rows.rows,
      width: params.dim + 1,
      headBits: params.headBits,
      headsFile: artifactFiles.heads,
      headsSha256: sha256(heads),
      filterFile: artifactFiles.filter,
      filterSha256: sha256(filterBytes),
    },
  };
  writeFileSync(join(directory, artifactFiles.meta), `${JSON.stringify(full, null, 1)}\n`);
  return full;
}

/**
 * Loads and checks an artifact: format, feature version (a mismatch means the code's features
 * no longer match the weights), and both binary files' SHA-256. Fails with a message that says
 * which check failed and how to fix it.
 */
export function loadArtifact(directory: string): LoadedArtifact {
  const meta = artifactMetaSchema.parse(JSON.parse(readFileSync(join(directory, artifactFiles.meta), "utf8")));
  if (meta.featureVersion !== featureVersion) {
    throw new Error(`selector artifact has feature version ${meta.featureVersion}, the code computes ${featureVersion}: run npm run selector:train`);
  }
  const weights = readFileSync(join(directory, meta.weights.file));
  const heads = readFileSync(join(directory, meta.weights.headsFile));
  const filterBytes = readFileSync(join(directory, meta.weights.filterFile));
  if (sha256(weights) !== meta.weights.sha256 || sha256(heads) !== meta.weights.headsSha256 || sha256(filterBytes) !== meta.weights.filterSha256) {
    throw new Error(`selector artifact in ${directory}: binary files do not match the SHA-256 in ${artifactFiles.meta}`);
  }
  const params = createQualityParams(meta.dim, meta.weights.headBits);
  decodeRows(weights, params, meta.weights.rows);
  decodeHeads(heads, params, Object.keys(meta.models).sort());
  params.descriptorMap.set(meta.descriptorMap);
  params.kindBias.set(meta.kindBias);
  params.kindPromptScale.set(meta.kindPromptScale);
  params.taskHead.set(meta.taskHead);
  for (const [model, entry] of Object.entries(meta.models)) params.residuals.set(model, Float32Array.from(entry.residual));
  return { meta, params, filter: new NoveltyFilter(new Uint8Array(gunzipSync(filterBytes)), meta.novelty.filterBits) };
}
