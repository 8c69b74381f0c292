/** Attempts and failures seen over the window. */
export interface WindowCounts {
  readonly total: number;
  readonly failed: number;
}

/**
 * Counts outcomes over a sliding time window, in ten slices so that old outcomes age out
 * smoothly without keeping one entry per call.
 */
export class OutcomeWindow {
  readonly #sliceMs: number;
  readonly #slices: { start: number; total: number; failed: number }[] = [];

  constructor(windowMs: number, slices = 10) {
    this.#sliceMs = Math.max(1, Math.ceil(windowMs / slices));
    for (let index = 0; index < slices; index += 1) this.#slices.push({ start: -Infinity, total: 0, failed: 0 });
  }

  record(failed: boolean, nowMs: number): void {
    this.add(1, failed ? 1 : 0, nowMs);
  }

  /** Adds several outcomes at once (another replica's broadcast). */
  add(total: number, failed: number, nowMs: number): void {
    const start = Math.floor(nowMs / this.#sliceMs) * this.#sliceMs;
    const slice = this.#slices[Math.floor(nowMs / this.#sliceMs) % this.#slices.length]!;
    if (slice.start !== start) Object.assign(slice, { start, total: 0, failed: 0 });
    slice.total += total;
    slice.failed += failed;
  }

  counts(nowMs: number): WindowCounts {
    const oldest = nowMs - this.#sliceMs * this.#slices.length;
    let total = 0;
    let failed = 0;
    for (const slice of this.#slices) {
      if (slice.start <= oldest) continue;
      total += slice.total;
      failed += slice.failed;
    }
    return { total, failed };
  }

  reset(): void {
    for (const slice of this.#slices) Object.assign(slice, { start: -Infinity, total: 0, failed: 0 });
  }
}
