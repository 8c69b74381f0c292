/** What one timed request reports. */
export interface Sample {
  readonly latencyMs: number;
  /** Time to the first token for streams; equal to latency otherwise. */
  readonly ttftMs: number;
}

/** One closed-loop run: `concurrency` workers, each sending its next request when the last one ends. */
export interface RunResult {
  readonly samples: readonly Sample[];
  readonly elapsedMs: number;
}

/** Runs `requests` requests in total through `concurrency` workers. */
export async function closedLoop(concurrency: number, requests: number, send: () => Promise<Sample>): Promise<RunResult> {
  const samples: Sample[] = [];
  let remaining = requests;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (remaining > 0) {
      remaining -= 1;
      samples.push(await send());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { samples, elapsedMs: performance.now() - started };
}
