/**
 * The latencies of the last `size` successful attempts of one deployment, for ListModels'
 * "recent latency": a fixed ring, so recording costs nothing and the median is computed only
 * when someone asks.
 */
export class LatencyWindow {
  readonly #samples: number[] = [];
  readonly #size: number;
  #next = 0;

  constructor(size = 128) {
    this.#size = size;
  }

  record(latencyMs: number): void {
    if (this.#samples.length < this.#size) this.#samples.push(latencyMs);
    else this.#samples[this.#next] = latencyMs;
    this.#next = (this.#next + 1) % this.#size;
  }

  /** Median of the recent samples; 0 before the first one. */
  median(): number {
    if (this.#samples.length === 0) return 0;
    const sorted = [...this.#samples].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  }
}
