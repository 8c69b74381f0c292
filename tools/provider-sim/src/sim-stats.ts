/** Per-model counters, read by tests through GET /_sim/stats. */
export interface ModelStats {
  requests: number;
  completed: number;
  /** The client closed the connection before the answer was complete. */
  aborted: number;
  faults: number;
  inFlight: number;
  maxInFlight: number;
  /** Output tokens actually written to clients. */
  tokensSent: number;
}

/** Counts what each simulated model received and sent. */
export class SimStats {
  readonly #byModel = new Map<string, ModelStats>();

  for(model: string): ModelStats {
    let stats = this.#byModel.get(model);
    if (!stats) {
      stats = { requests: 0, completed: 0, aborted: 0, faults: 0, inFlight: 0, maxInFlight: 0, tokensSent: 0 };
      this.#byModel.set(model, stats);
    }
    return stats;
  }

  /** Marks a request started; the returned function marks it finished. */
  begin(model: string): (outcome: "completed" | "aborted" | "failed") => void {
    const stats = this.for(model);
    stats.requests += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    let done = false;
    return (outcome) => {
      if (done) return;
      done = true;
      stats.inFlight -= 1;
      if (outcome === "completed") stats.completed += 1;
      if (outcome === "aborted") stats.aborted += 1;
    };
  }

  snapshot(): Record<string, ModelStats> {
    return Object.fromEntries([...this.#byModel].map(([model, stats]) => [model, { ...stats }]));
  }

  reset(): void {
    this.#byModel.clear();
  }
}
