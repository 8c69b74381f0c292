import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";

const outcomeSchema = z.object({
  quality: z.number().min(0).max(1),
  cost_usd: z.number().nonnegative().optional(),
  input_tokens: z.number().int().nonnegative().optional(),
  output_tokens: z.number().int().nonnegative().optional(),
  response: z.string().optional(),
  output_chars: z.number().int().nonnegative().optional(),
});

/** One prompt of a routing data file (the schema of shared/data/routing/README.md). */
export const routingRecordSchema = z.object({
  id: z.string(),
  source: z.string().default(""),
  task: z.string().default(""),
  prompt: z.string().min(1),
  quality_kind: z.string().default("binary"),
  outcomes: z.record(z.string(), outcomeSchema),
});

export type RoutingRecord = z.infer<typeof routingRecordSchema>;
export type RecordedOutcome = z.infer<typeof outcomeSchema>;

/** Reads a JSON Lines routing file; a malformed line fails with its line number. */
export async function readRoutingFile(path: string): Promise<RoutingRecord[]> {
  const records: RoutingRecord[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity })) {
    line += 1;
    if (!text.trim()) continue;
    const parsed = routingRecordSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${path}:${line}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
    if (Object.keys(parsed.data.outcomes).length > 0) records.push(parsed.data);
  }
  return records;
}

/** Every model named in the records, in first-seen order. */
export function modelsIn(records: readonly RoutingRecord[]): string[] {
  return [...new Set(records.flatMap((record) => Object.keys(record.outcomes)))];
}
