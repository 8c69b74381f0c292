/** One scrape of one service's /metrics. */
export interface ProcessSample {
  readonly atMs: number;
  readonly rssBytes: number;
  /** p99 event-loop delay since the previous scrape (the runtime's per-scrape gauge). */
  readonly loopDelayP99Ms: number;
}

/** Options of the sampler. */
export interface SamplerOptions {
  /** Service name → its Prometheus endpoint port. */
  readonly metricsPorts: Readonly<Record<string, number>>;
  readonly intervalMs: number;
}

/** Samples RSS and event-loop delay of every service until stopped. */
export interface Sampler {
  readonly samples: ReadonlyMap<string, readonly ProcessSample[]>;
  stop(): void;
}

/** Starts scraping every service's /metrics each interval (a failed scrape is skipped). */
export function startSampler(options: SamplerOptions): Sampler {
  const begun = performance.now();
  const samples = new Map<string, ProcessSample[]>(Object.keys(options.metricsPorts).map((name) => [name, []]));
  const scrape = async (): Promise<void> => {
    await Promise.all(
      Object.entries(options.metricsPorts).map(async ([name, port]) => {
        const text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
          (response) => response.text(),
          () => "",
        );
        const rss = gauge(text, "process_resident_memory_bytes");
        if (rss === undefined) return;
        samples
          .get(name)!
          .push({ atMs: performance.now() - begun, rssBytes: rss, loopDelayP99Ms: (gauge(text, "process_event_loop_delay_p99_seconds") ?? 0) * 1_000 });
      }),
    );
  };
  void scrape();
  const timer = setInterval(() => void scrape(), options.intervalMs);
  return { samples, stop: () => clearInterval(timer) };
}

function gauge(text: string, name: string): number | undefined {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, "m").exec(text);
  return match ? Number(match[1]) : undefined;
}
