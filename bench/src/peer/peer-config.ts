/** Settings of `npm run bench:peer`, from the environment. */
export interface PeerBenchConfig {
  /** Seconds each cell is measured (BENCH_PEER_SECONDS, default 5). */
  readonly seconds: number;
  /** Seconds of warm-up before each cell (BENCH_PEER_WARMUP_SECONDS, default 1). */
  readonly warmupSeconds: number;
  /** BENCH_CONCURRENCY, default "1,16,64". */
  readonly concurrencies: readonly number[];
  /** BENCH_MODES, default "unary,stream". */
  readonly modes: readonly ("unary" | "stream")[];
  /** BENCH_PEER_GATEWAYS, default "portkey,switchyard". */
  readonly gateways: readonly ("portkey" | "switchyard")[];
  /** The core every gateway process is pinned to (BENCH_PEER_GATEWAY_CORE, default the last one). */
  readonly gatewayCore: number | undefined;
  /** The core of the load generator and the upstream stub (BENCH_PEER_CLIENT_CORE, default 0). */
  readonly clientCore: number;
  /** Where Portkey's gateway is installed (BENCH_PEER_SCRATCH, default <tmp>/switchyard-bench-peer). */
  readonly scratchDir: string | undefined;
  /** When set, router, executor and ledger run with --cpu-prof into this folder (BENCH_PEER_CPU_PROF_DIR). */
  readonly cpuProfDir: string | undefined;
  /** PATH for the processes the benchmark starts. */
  readonly path: string;
}

/** Reads the benchmark's settings once. */
export function loadPeerBenchConfig(env: Readonly<Record<string, string | undefined>> = process.env): PeerBenchConfig {
  const positive = (value: string | undefined, fallback: number): number => {
    const parsed = Number(value);
    return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
  };
  const list = <T extends string>(value: string, allowed: readonly T[]): T[] =>
    value.split(",").filter((each): each is T => (allowed as readonly string[]).includes(each));
  const core = env["BENCH_PEER_GATEWAY_CORE"];
  return {
    seconds: positive(env["BENCH_PEER_SECONDS"], 5),
    warmupSeconds: positive(env["BENCH_PEER_WARMUP_SECONDS"], 1),
    concurrencies: (env["BENCH_CONCURRENCY"] ?? "1,16,64").split(",").map((value) => Math.round(positive(value, 1))),
    modes: list(env["BENCH_MODES"] ?? "unary,stream", ["unary", "stream"] as const),
    gateways: list(env["BENCH_PEER_GATEWAYS"] ?? "portkey,switchyard", ["portkey", "switchyard"] as const),
    gatewayCore: core === undefined || core === "" ? undefined : Number(core),
    clientCore: Number(env["BENCH_PEER_CLIENT_CORE"] ?? 0),
    scratchDir: env["BENCH_PEER_SCRATCH"] || undefined,
    cpuProfDir: env["BENCH_PEER_CPU_PROF_DIR"] || undefined,
    path: env["PATH"] ?? "",
  };
}
