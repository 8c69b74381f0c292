import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * What the simulator keeps of one model's recorded outcome on one prompt: the fields of the
 * data schema it uses (names as in the files), other fields dropped. `output_chars` is the
 * length of the recorded answer when the answer itself is not in the file (alpacaeval2).
 */
export type ReplayOutcome = z.infer<typeof outcomeSchema>;

/** One prompt of the replay files and every model's outcome on it. */
export interface ReplayPrompt {
  /** Record id of the first record with this prompt. */
  readonly id: string;
  readonly outcomes: Map<string, ReplayOutcome>;
}

/** Per-model counts, for the summary. */
export interface ReplayModelSummary {
  prompts: number;
  responses: number;
  tokenCounts: number;
}

/** The loaded replay files, indexed by normalised prompt text. */
export interface ReplayIndex {
  readonly files: readonly string[];
  readonly prompts: ReadonlyMap<string, ReplayPrompt>;
  /** Every model named in the files, in first-seen order. */
  readonly models: ReadonlyMap<string, ReplayModelSummary>;
  /** Outcomes ignored because an earlier record already had that model on that prompt. */
  readonly duplicateOutcomes: number;
  readonly records: number;
}

const count = z.number().int().nonnegative();

const outcomeSchema = z.object({
  quality: z.number().optional(),
  cost_usd: z.number().nonnegative().optional(),
  input_tokens: count.optional(),
  output_tokens: count.optional(),
  output_chars: count.optional(),
  response: z.string().optional(),
});

const recordSchema = z.object({
  id: z.string().default(""),
  // A string, or a conversation (matched on its last user message, as requests are).
  prompt: z.union([z.string().min(1), z.array(z.looseObject({ role: z.string(), content: z.string() })).min(1)]),
  outcomes: z.record(z.string().min(1), outcomeSchema),
});

/**
 * How a prompt is matched: its text with every run of whitespace turned into one space and
 * the ends trimmed. Case and punctuation are kept (the exact text, modulo whitespace).
 */
export function normalisePrompt(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Loads replay files (JSON Lines in the schema of ../shared/data/routing): reads each file
 * whole and parses it line by line (tens of MB load in well under a second). The first record
 * of a prompt and model wins; later duplicates are counted, not merged. Fails with the file
 * and line of the first record that does not fit the schema.
 */
export function loadReplay(files: readonly string[]): ReplayIndex {
  const prompts = new Map<string, ReplayPrompt>();
  const models = new Map<string, ReplayModelSummary>();
  let duplicateOutcomes = 0;
  let records = 0;
  for (const file of files) {
    const lines = readReplayFile(file).split("\n");
    lines.forEach((line, index) => {
      if (line.trim().length === 0) return;
      const record = parseRecord(line, `${file}:${index + 1}`);
      records += 1;
      duplicateOutcomes += addRecord(prompts, models, record);
    });
  }
  return { files, prompts, models, duplicateOutcomes, records };
}

function readReplayFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`SIM_REPLAY: cannot read ${file}: ${(error as Error).message}`);
  }
}

function parseRecord(line: string, where: string): z.infer<typeof recordSchema> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    throw new Error(`SIM_REPLAY: ${where}: not JSON (${(error as Error).message})`);
  }
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "record"}: ${issue.message}`).join("; ");
    throw new Error(`SIM_REPLAY: ${where}: ${problems}`);
  }
  return parsed.data;
}

/** Adds one record; returns how many of its outcomes were duplicates. */
function addRecord(prompts: Map<string, ReplayPrompt>, models: Map<string, ReplayModelSummary>, record: z.infer<typeof recordSchema>): number {
  const text = typeof record.prompt === "string" ? record.prompt : (record.prompt.filter((message) => message.role === "user").pop()?.content ?? "");
  const key = normalisePrompt(text);
  let entry = prompts.get(key);
  if (!entry) {
    entry = { id: record.id, outcomes: new Map() };
    prompts.set(key, entry);
  }
  let duplicates = 0;
  for (const [model, outcome] of Object.entries(record.outcomes)) {
    if (entry.outcomes.has(model)) {
      duplicates += 1;
      continue;
    }
    entry.outcomes.set(model, outcome);
    const summary = models.get(model) ?? { prompts: 0, responses: 0, tokenCounts: 0 };
    summary.prompts += 1;
    if (outcome.response !== undefined) summary.responses += 1;
    if (outcome.input_tokens !== undefined || outcome.output_tokens !== undefined) summary.tokenCounts += 1;
    models.set(model, summary);
  }
  return duplicates;
}
