import type { Sample } from "../executor/closed-loop.js";

/** One closed-loop run of a fixed duration. */
export interface TimedRun {
  readonly samples: readonly Sample[];
  readonly failures: number;
  readonly firstError: string | undefined;
  readonly elapsedMs: number;
}

/** `concurrency` workers, each sending its next request when the last one ends, for `seconds`. */
export async function timedLoop(concurrency: number, seconds: number, send: () => Promise<Sample>): Promise<TimedRun> {
  const samples: Sample[] = [];
  let failures = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const endAt = started + seconds * 1_000;
  const worker = async (): Promise<void> => {
    while (performance.now() < endAt) {
      try {
        samples.push(await send());
      } catch (error) {
        failures += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { samples, failures, firstError, elapsedMs: performance.now() - started };
}
