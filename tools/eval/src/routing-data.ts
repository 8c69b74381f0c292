import { createReadStream, existsSync } from "node:fs";
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

/** One turn of a conversation prompt. */
const messageSchema = z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() });

/** One prompt of a routing data file (the schema of shared/data/routing/README.md). */
export const routingRecordSchema = z.object({
  id: z.string(),
  source: z.string().default(""),
  task: z.string().default(""),
  // A string, or a conversation (sent as those messages).
  prompt: z.union([z.string().min(1), z.array(messageSchema).min(1)]),
  quality_kind: z.string().default("binary"),
  outcomes: z.record(z.string(), outcomeSchema),
});

export type RoutingRecord = z.infer<typeof routingRecordSchema>;
export type RecordedOutcome = z.infer<typeof outcomeSchema>;

/** Reads a JSON Lines routing file; a malformed line fails with its line number. */
export async function readRoutingFile(path: string): Promise<RoutingRecord[]> {
  if (!existsSync(path)) throw new Error(`${path}: no such file or directory`);
  const records: RoutingRecord[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity })) {
    line += 1;
    if (!text.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${path}:${line}: not JSON (${(error as Error).message})`);
    }
    const parsed = routingRecordSchema.safeParse(json);
    if (!parsed.success)
      throw new Error(
        `${path}:${line}: ${parsed.error.issues
          .slice(0, 1)
          .map((issue) => `${issue.path.join(".") || "record"}: ${issue.message}`)
          .join("; ")}`,
      );
    if (Object.keys(parsed.data.outcomes).length > 0) records.push(parsed.data);
  }
  return records;
}

/** Every model named in the records, in first-seen order. */
export function modelsIn(records: readonly RoutingRecord[]): string[] {
  return [...new Set(records.flatMap((record) => Object.keys(record.outcomes)))];
}

/** The messages a record's prompt is sent as. */
export function promptMessages(record: RoutingRecord): Array<{ role: string; content: string }> {
  return typeof record.prompt === "string"
    ? [{ role: "user", content: record.prompt }]
    : record.prompt.map((message) => ({ role: message.role, content: message.content }));
}

/** A record's prompt as one text (a conversation's turns joined), for token estimates. */
export function promptText(record: RoutingRecord): string {
  return typeof record.prompt === "string" ? record.prompt : record.prompt.map((message) => message.content).join("\n\n");
}
