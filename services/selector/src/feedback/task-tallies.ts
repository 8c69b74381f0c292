import { z } from "zod";

/** One model's outcomes on one task type in one scope: how many, and their summed base probability. */
const tallySchema = z.object({ observations: z.number(), baseSum: z.number() });
type Tally = z.infer<typeof tallySchema>;

/** Snapshot shape: tenant → model → task type → tally. */
export const taskTalliesSchema = z.record(z.string(), z.record(z.string(), z.record(z.string(), tallySchema)));

/** One model's evidence on one task type. */
export interface TaskTally {
  readonly model: string;
  readonly taskType: string;
  readonly observations: number;
  /** Mean base (artifact) probability of the outcomes' prompts. */
  readonly meanBase: number;
}

/**
 * Per scope (a tenant, or "" for the global state), per model and task type: the outcomes seen
 * and their prompts' mean base probability, so the routing state's estimate for a typical prompt
 * of the task type can be shown with the evidence it rests on.
 */
export class TaskTallies {
  readonly #scopes = new Map<string, Map<string, Map<string, Tally>>>();

  add(scope: string, model: string, taskType: string, base: number): void {
    let models = this.#scopes.get(scope);
    if (!models) this.#scopes.set(scope, (models = new Map<string, Map<string, Tally>>()));
    let tasks = models.get(model);
    if (!tasks) models.set(model, (tasks = new Map<string, Tally>()));
    const tally = tasks.get(taskType) ?? { observations: 0, baseSum: 0 };
    tasks.set(taskType, { observations: tally.observations + 1, baseSum: tally.baseSum + base });
  }

  /** The scope's tallies, by model then task type (empty for a scope with no outcomes). */
  of(scope: string): TaskTally[] {
    const tallies: TaskTally[] = [];
    for (const [model, tasks] of this.#scopes.get(scope) ?? []) {
      for (const [taskType, tally] of tasks) tallies.push({ model, taskType, observations: tally.observations, meanBase: tally.baseSum / tally.observations });
    }
    return tallies;
  }

  snapshot(): z.infer<typeof taskTalliesSchema> {
    return Object.fromEntries(
      [...this.#scopes].map(([scope, models]) => [scope, Object.fromEntries([...models].map(([model, tasks]) => [model, Object.fromEntries(tasks)]))]),
    );
  }

  restore(data: z.infer<typeof taskTalliesSchema>): void {
    for (const [scope, models] of Object.entries(data)) {
      this.#scopes.set(scope, new Map(Object.entries(models).map(([model, tasks]) => [model, new Map(Object.entries(tasks))])));
    }
  }
}
