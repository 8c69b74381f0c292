import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { canonicalModelId } from "../model/model-catalog.js";
import { DataFileError, issueLine } from "./data-file-error.js";
import { promptFieldSchema, promptTextOf } from "./record-prompt.js";

/**
 * Quality kinds of the shared schema ("binary", "fraction", "judge_1_10", "preference");
 * calibration is fitted per kind. Any other kind is accepted and scored as "generic".
 */
export type QualityKind = string;

/** One model's outcome on one prompt, with the name mapped through the alias table. */
export interface Outcome {
  /** The name as the source spells it. */
  readonly sourceName: string;
  /** Canonical id (alias table, or an `--alias A=B` mapping). */
  readonly model: string;
  readonly quality: number;
  readonly costUsd: number | undefined;
  /** Answer length in characters, when the source has the answer or its length. */
  readonly outputChars: number | undefined;
  /** The recorded answer, when the source has it (what the answer scorer learns from). */
  readonly response: string | undefined;
}

/** One prompt with its outcomes. */
export interface RoutingRecord {
  readonly id: string;
  readonly source: string;
  readonly task: string;
  /** The prompt as text: a conversation's messages joined in order (as the service scores them). */
  readonly prompt: string;
  readonly kind: QualityKind;
  readonly outcomes: readonly Outcome[];
}

const outcomeSchema = z.looseObject({
  quality: z.number().min(0).max(1),
  cost_usd: z.number().nonnegative().optional(),
  output_chars: z.number().int().nonnegative().optional(),
  response: z.string().optional(),
});

const recordSchema = z.looseObject({
  id: z.string(),
  source: z.string().default("unknown"),
  task: z.string().default("unknown"),
  prompt: promptFieldSchema,
  quality_kind: z.string().default("binary"),
  outcomes: z.record(z.string(), outcomeSchema),
});

/** Lists the .jsonl files of each path (a file is taken as is, a directory is searched). */
export function resolveDataFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new DataFileError(`${path}: no such file or directory`);
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path, { recursive: true }).map(String).sort()) {
        if (entry.endsWith(".jsonl")) files.push(join(path, entry));
      }
    } else files.push(path);
  }
  if (files.length === 0) throw new DataFileError(`no .jsonl files in ${paths.join(", ")}`);
  return files;
}

/**
 * Reads records in the shared schema. Model names go through the alias table, then through
 * `aliases` (evaluation's `--alias A=B`). A model listed twice under one canonical id on the
 * same prompt keeps its first outcome. A prompt is a string or a conversation (a list of
 * `{role, content}` messages). A malformed line fails with one DataFileError naming the file,
 * the line and the field.
 */
export function loadRecords(files: readonly string[], aliases: ReadonlyMap<string, string> = new Map()): RoutingRecord[] {
  const records: RoutingRecord[] = [];
  for (const file of files) {
    const lines = readFileSync(file, "utf8").split("\n");
    lines.forEach((line, index) => {
      if (line.trim() === "") return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        throw new DataFileError(`${file}:${index + 1}: not JSON (${(error as Error).message})`);
      }
      const parsed = recordSchema.safeParse(json);
      if (!parsed.success) throw new DataFileError(`${file}:${index + 1}: ${issueLine(parsed.error.issues)}`);
      records.push(toRecord(parsed.data, aliases));
    });
  }
  return records;
}

function toRecord(raw: z.infer<typeof recordSchema>, aliases: ReadonlyMap<string, string>): RoutingRecord {
  const outcomes: Outcome[] = [];
  const seen = new Set<string>();
  for (const [sourceName, outcome] of Object.entries(raw.outcomes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const model = canonicalModelId(aliases.get(sourceName) ?? sourceName);
    if (seen.has(model)) continue;
    seen.add(model);
    outcomes.push({
      sourceName,
      model,
      quality: outcome.quality,
      costUsd: outcome.cost_usd,
      outputChars: outcome.output_chars ?? outcome.response?.length,
      response: outcome.response,
    });
  }
  return { id: raw.id, source: raw.source, task: raw.task, prompt: promptTextOf(raw.prompt), kind: raw.quality_kind, outcomes };
}
