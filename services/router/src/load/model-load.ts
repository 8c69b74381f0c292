/**
 * How busy each model is at the executor, known without asking per request: strategies read it
 * to prefer the least loaded of equivalent models (strategy/equivalent-choice.ts).
 */
export interface ModelLoad {
  /** Calls in flight plus calls queued at the executor for `model`, as last seen; undefined when unknown. */
  loadOf(model: string): number | undefined;
  /**
   * Counts a call this router makes to `model` until the returned function is called, so that
   * the calls it sends between two readings of the executor's state count at once (without it,
   * every call until the next reading would go to the model that looked idle).
   */
  begin(model: string): () => void;
}
