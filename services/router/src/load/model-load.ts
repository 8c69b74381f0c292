/**
 * How busy each model is at the executor, known without asking per request: strategies read it
 * to prefer the least loaded of equivalent models (strategy/equivalent-choice.ts).
 */
export interface ModelLoad {
  /** Calls in flight plus calls queued at the executor for `model`, as last seen; undefined when unknown. */
  loadOf(model: string): number | undefined;
}
