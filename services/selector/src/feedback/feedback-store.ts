import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { FeedbackAdjuster } from "../model/selector-model.js";
import { ModelEstimates } from "./model-estimates.js";
import type { TaskTally } from "./task-tallies.js";
import { TaskTallies, taskTalliesSchema } from "./task-tallies.js";

/** One recorded observation, as a line of the feedback log (`tenant` "" is the global scope). */
const eventSchema = z.object({
  key: z.string(),
  model: z.string(),
  base: z.number().min(0).max(1),
  quality: z.number().min(0).max(1),
  source: z.enum(["critic", "caller", "verification", "answer_scorer", "shadow"]),
  tenant: z.string().default(""),
  global: z.boolean().default(false),
  // The request's task type ("" when unknown); older log lines have none.
  taskType: z.string().default(""),
  at: z.string(),
});

export type FeedbackEvent = z.infer<typeof eventSchema>;

/** What a caller records: the event without its time; tenant and global default to the global scope. */
export type FeedbackInput = Omit<FeedbackEvent, "at" | "tenant" | "global" | "taskType"> & {
  readonly tenant?: string;
  readonly global?: boolean;
  readonly taskType?: string;
};

const logName = "selector-feedback.jsonl";

/** Log lines kept before start-up compacts the file to one snapshot line. */
const compactAfterLines = 50_000;

/**
 * A model's learnt offset in a snapshot. Snapshots written before the information-weighted
 * learner carry a slope and no precision: they restore as their offset with the information of
 * their outcomes at p(1 - p) = 1/4 each (the slope is dropped; the log's later events refine it).
 */
const stateSchema = z
  .object({ offset: z.number(), observations: z.number(), precision: z.number().optional() })
  .transform(({ offset, observations, precision }) => ({ offset, observations, precision: precision ?? observations / 4 }));
const snapshotSchema = z.object({
  snapshot: z.record(z.string(), stateSchema),
  tenants: z.record(z.string(), z.record(z.string(), stateSchema)).default({}),
  keys: z.array(z.string()),
  tasks: taskTalliesSchema.default({}),
});

/**
 * Online per-model estimates, per tenant and global, persisted as an append-only JSON-lines log
 * in a directory (`SELECTOR_STATE_DIR`): every accepted observation is appended before it is
 * acknowledged and replayed at start-up, so a restart recovers exactly the same state.
 *
 * Scopes: an observation with a tenant moves only that tenant's estimates, and the global ones
 * too only when `global` is set; one without a tenant (an internal caller that names none)
 * moves the global estimates. A tenant's prediction is its own calibration on top of the
 * global one, so a tenant with no feedback routes exactly as the global state says, and one
 * tenant's feedback never moves another's routing. A request id seen before (same tenant,
 * model and source) is not counted twice.
 */
export class FeedbackStore implements FeedbackAdjuster {
  private readonly global = new ModelEstimates();
  private readonly tenants = new Map<string, ModelEstimates>();
  private readonly keys = new Set<string>();
  private readonly tasks = new TaskTallies();
  private readonly path: string;

  constructor(directory: string) {
    mkdirSync(directory, { recursive: true });
    this.path = join(directory, logName);
    this.replay();
  }

  /** Records an observation; returns the model's observation count in its scope and whether it was new. */
  record(input: FeedbackInput): { observations: number; duplicate: boolean } {
    const event: FeedbackEvent = {
      ...input,
      tenant: input.tenant ?? "",
      global: input.global ?? false,
      taskType: input.taskType ?? "",
      at: new Date().toISOString(),
    };
    const key = event.key === "" ? "" : `${event.tenant}|${event.key}`;
    if (key !== "" && this.keys.has(key)) return { observations: this.scopeObservations(event.tenant, event.model), duplicate: true };
    appendFileSync(this.path, `${JSON.stringify(event)}\n`);
    this.apply(event);
    return { observations: this.scopeObservations(event.tenant, event.model), duplicate: false };
  }

  /** The adjuster a tenant's Score uses: global estimates, then the tenant's own on top. */
  forTenant(tenant: string | undefined): FeedbackAdjuster {
    const own = tenant ? this.tenants.get(tenant) : undefined;
    if (!own) return this.global;
    return {
      adjust: (model, probability) => own.adjust(model, this.global.adjust(model, probability)),
      observations: (model) => own.observations(model) + this.global.observations(model),
    };
  }

  adjust(model: string, probability: number): number {
    return this.global.adjust(model, probability);
  }

  observations(model: string): number {
    return this.global.observations(model);
  }

  /** The base probability behind a prediction a tenant's routing acted on (undoes both adjustments). */
  baseOf(model: string, predicted: number, tenant?: string): number {
    const own = tenant ? this.tenants.get(tenant) : undefined;
    return this.global.baseOf(model, own ? own.baseOf(model, predicted) : predicted);
  }

  /**
   * A tenant's per-model, per-task-type estimates from its own outcomes only (never another
   * tenant's): the quality its routing state predicts for the outcomes' mean base probability.
   */
  taskEstimates(tenant: string): (TaskTally & { readonly quality: number })[] {
    const adjuster = this.forTenant(tenant);
    return this.tasks.of(tenant).map((tally) => ({ ...tally, quality: adjuster.adjust(tally.model, tally.meanBase) }));
  }

  private scopeObservations(tenant: string, model: string): number {
    return tenant === "" ? this.global.observations(model) : (this.tenants.get(tenant)?.observations(model) ?? 0);
  }

  private apply(event: FeedbackEvent): void {
    if (event.tenant !== "") {
      let own = this.tenants.get(event.tenant);
      if (!own) this.tenants.set(event.tenant, (own = new ModelEstimates()));
      own.observe(event.model, this.global.adjust(event.model, event.base), event.quality);
    }
    if (event.tenant === "" || event.global) this.global.observe(event.model, event.base, event.quality);
    this.tasks.add(event.tenant, event.model, event.taskType, event.base);
    if (event.key !== "") this.keys.add(`${event.tenant}|${event.key}`);
  }

  private replay(): void {
    if (!existsSync(this.path)) return;
    const lines = readFileSync(this.path, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
    lines.forEach((line, index) => {
      const parsed: unknown = JSON.parse(line);
      const snapshot = snapshotSchema.safeParse(parsed);
      if (snapshot.success) return this.restore(snapshot.data);
      const event = eventSchema.safeParse(parsed);
      if (!event.success) throw new Error(`${this.path}:${index + 1}: not a feedback event (${event.error.issues[0]?.message ?? "invalid"})`);
      this.apply(event.data);
    });
    if (lines.length > compactAfterLines) this.compact();
  }

  private restore(data: z.infer<typeof snapshotSchema>): void {
    for (const [model, state] of Object.entries(data.snapshot)) this.global.restore(model, state);
    for (const [tenant, models] of Object.entries(data.tenants)) {
      const own = new ModelEstimates();
      for (const [model, state] of Object.entries(models)) own.restore(model, state);
      this.tenants.set(tenant, own);
    }
    for (const key of data.keys) this.keys.add(key);
    this.tasks.restore(data.tasks);
  }

  private compact(): void {
    const snapshot = {
      snapshot: this.global.snapshot(),
      tenants: Object.fromEntries([...this.tenants].map(([tenant, own]) => [tenant, own.snapshot()])),
      keys: [...this.keys].slice(-compactAfterLines),
      tasks: this.tasks.snapshot(),
    };
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(snapshot)}\n`);
    renameSync(temporary, this.path);
  }
}
