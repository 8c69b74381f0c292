import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Small, deterministic routing data in the shared schema for tests (CI never reads the real
 * data and never trains on it): arithmetic prompts that only the large model gets right, and
 * trivia prompts both get right, over two sources and two quality kinds.
 */
export function syntheticRecords(count = 120): Array<Record<string, unknown>> {
  const records: Array<Record<string, unknown>> = [];
  for (let index = 0; index < count; index += 1) {
    const math = index % 2 === 0;
    const source = index % 3 === 0 ? "synthetic-judge" : "synthetic-exam";
    const prompt = math
      ? `What is ${index * 7} times ${index + 3}? Show the calculation step by step.`
      : `Which city is the capital of country number ${index}? Answer with one word.`;
    const small = math ? (index % 10 === 0 ? 1 : 0) : 1;
    const outcomes: Record<string, unknown> = {
      "tiny-model-7b": { quality: small, raw: small, cost_usd: 0.0001 },
      "huge-model-70b": { quality: math ? 1 : index % 7 === 0 ? 0 : 1, raw: 1, cost_usd: 0.002 },
    };
    records.push({
      id: `${source}:${index}`,
      source,
      task: math ? "gsm8k" : "trivia_qa",
      prompt,
      quality_kind: source === "synthetic-judge" ? "judge_1_10" : "binary",
      outcomes,
    });
  }
  return records;
}

/** Writes records as JSON lines into a fresh temporary directory; returns the file path. */
export function writeSyntheticFile(records: Array<Record<string, unknown>> = syntheticRecords(), name = "synthetic.jsonl"): string {
  const directory = mkdtempSync(join(tmpdir(), "selector-data-"));
  const path = join(directory, name);
  writeFileSync(path, records.map((record) => JSON.stringify(record)).join("\n") + "\n");
  return path;
}
