import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { FeedbackAdjuster } from "../model/selector-model.js";
import type { CalibrationState } from "./online-calibration.js";
import { adjustProbability, freshCalibration, observe, unadjustProbability } from "./online-calibration.js";

/** One recorded observation, as a line of the feedback log. */
const eventSchema = z.object({
  key: z.string(),
  model: z.string(),
  base: z.number().min(0).max(1),
  quality: z.number().min(0).max(1),
  source: z.enum(["critic", "caller"]),
  at: z.string(),
});

export type FeedbackEvent = z.infer<typeof eventSchema>;

const logName = "selector-feedback.jsonl";

/** Log lines kept before start-up compacts the file to one snapshot line per model. */
const compactAfterLines = 50_000;

const snapshotSchema = z.object({ snapshot: z.record(z.string(), z.object({ slope: z.number(), offset: z.number(), observations: z.number() })), keys: z.array(z.string()) });

/**
 * Per-model online calibration, persisted as an append-only JSON-lines log in a directory
 * (`SELECTOR_STATE_DIR`): every accepted observation is appended before it is acknowledged and
 * replayed at start-up, so a restart recovers exactly the same state. A request id seen before
 * (same model and source) is not counted twice. Large logs are compacted at start-up into one
 * snapshot line (atomic rename).
 */
export class FeedbackStore implements FeedbackAdjuster {
  private readonly states = new Map<string, CalibrationState>();
  private readonly keys = new Set<string>();
  private readonly path: string;

  constructor(directory: string) {
    mkdirSync(directory, { recursive: true });
    this.path = join(directory, logName);
    this.replay();
  }

  /** Records an observation; returns the model's observation count and whether it was new. */
  record(event: Omit<FeedbackEvent, "at">): { observations: number; duplicate: boolean } {
    if (event.key !== "" && this.keys.has(event.key)) return { observations: this.observations(event.model), duplicate: true };
    const full: FeedbackEvent = { ...event, at: new Date().toISOString() };
    appendFileSync(this.path, `${JSON.stringify(full)}\n`);
    this.apply(full);
    return { observations: this.observations(event.model), duplicate: false };
  }

  adjust(model: string, probability: number): number {
    const state = this.states.get(model);
    return state ? adjustProbability(state, probability) : probability;
  }

  observations(model: string): number {
    return this.states.get(model)?.observations ?? 0;
  }

  /** The base probability behind a prediction the router acted on (undoes the adjustment). */
  baseOf(model: string, predicted: number): number {
    const state = this.states.get(model);
    return state ? unadjustProbability(state, predicted) : predicted;
  }

  private apply(event: FeedbackEvent): void {
    let state = this.states.get(event.model);
    if (!state) this.states.set(event.model, (state = freshCalibration()));
    observe(state, event.base, event.quality);
    if (event.key !== "") this.keys.add(event.key);
  }

  private replay(): void {
    if (!existsSync(this.path)) return;
    const lines = readFileSync(this.path, "utf8").split("\n").filter((line) => line.trim() !== "");
    lines.forEach((line, index) => {
      const parsed: unknown = JSON.parse(line);
      const snapshot = snapshotSchema.safeParse(parsed);
      if (snapshot.success) {
        for (const [model, state] of Object.entries(snapshot.data.snapshot)) this.states.set(model, { ...state });
        for (const key of snapshot.data.keys) this.keys.add(key);
        return;
      }
      const event = eventSchema.safeParse(parsed);
      if (!event.success) throw new Error(`${this.path}:${index + 1}: not a feedback event (${event.error.issues[0]?.message ?? "invalid"})`);
      this.apply(event.data);
    });
    if (lines.length > compactAfterLines) this.compact();
  }

  private compact(): void {
    const snapshot = { snapshot: Object.fromEntries(this.states), keys: [...this.keys].slice(-compactAfterLines) };
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(snapshot)}\n`);
    renameSync(temporary, this.path);
  }
}
