/** Settings of `npm run bench:executor`, from the environment. */
export interface ExecutorBenchConfig {
  /** Runs per figure; the median is printed (BENCH_RUNS, default 3). */
  readonly runs: number;
  /** Requests per run (BENCH_REQUESTS, default 1500). */
  readonly requestsPerRun: number;
  /** BENCH_CONCURRENCY, default "1,16,64". */
  readonly concurrencies: readonly number[];
  /** BENCH_MODES, default "unary,stream". */
  readonly modes: readonly ("unary" | "stream")[];
  /** Extra node flags for the executor process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (BENCH_EXECUTOR_NODE_ARGS). */
  readonly executorNodeArgs: readonly string[];
  /** PATH for the processes the benchmark starts. */
  readonly path: string;
}

/** Reads the benchmark's settings once. */
export function loadExecutorBenchConfig(env: Readonly<Record<string, string | undefined>> = process.env): ExecutorBenchConfig {
  const positive = (value: string | undefined, fallback: number): number => {
    const parsed = Number(value);
    return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
  };
  const modes = (env["BENCH_MODES"] ?? "unary,stream").split(",").filter((mode): mode is "unary" | "stream" => mode === "unary" || mode === "stream");
  return {
    runs: positive(env["BENCH_RUNS"], 3),
    requestsPerRun: positive(env["BENCH_REQUESTS"], 1_500),
    concurrencies: (env["BENCH_CONCURRENCY"] ?? "1,16,64").split(",").map((value) => positive(value, 1)),
    modes,
    executorNodeArgs: (env["BENCH_EXECUTOR_NODE_ARGS"] ?? "").split(" ").filter(Boolean),
    path: env["PATH"] ?? "",
  };
}
