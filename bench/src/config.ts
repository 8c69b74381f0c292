/** How long benchmarks run: BENCH_RUNS runs per figure (the median is printed), BENCH_REQUESTS each. */
export interface BenchConfig {
  readonly runs: number;
  readonly requestsPerRun: number;
}

/** Reads the benchmark settings from the environment, once. */
export function loadBenchConfig(env: Readonly<Record<string, string | undefined>> = process.env): BenchConfig {
  const positive = (value: string | undefined, fallback: number): number => {
    const parsed = Number(value);
    return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
  };
  return { runs: positive(env["BENCH_RUNS"], 3), requestsPerRun: positive(env["BENCH_REQUESTS"], 600) };
}
