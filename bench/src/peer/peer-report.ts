import type { CellFigures } from "./peer-figures.js";

/** One row of the table: a gateway (or the upstream called directly) at one mode and concurrency. */
export interface PeerRow {
  readonly mode: "unary" | "stream";
  readonly concurrency: number;
  readonly gateway: "direct" | "portkey" | "switchyard";
  readonly figures: CellFigures;
  /** p50 (unary) or time to first token (stream) over the upstream called directly, same phase. */
  readonly addedMs: number;
}

/** A target of issue 12, as measured. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : "-");

/** Prints the rows as a table. */
export function printTable(rows: readonly PeerRow[]): void {
  console.log("mode    conc  gateway       req/s    p50 ms   p99 ms  TTFT p50  added ms  CPU ms/req   RSS MiB  failed  CPU ms/req by process");
  for (const row of rows) {
    const { figures } = row;
    const byProcess = Object.entries(figures.cpuMsPerRequestByProcess)
      .filter(([, ms]) => ms >= 0.005)
      .map(([name, ms]) => `${name} ${fixed(ms)}`)
      .join(", ");
    console.log(
      [
        row.mode.padEnd(7),
        String(row.concurrency).padStart(4),
        row.gateway.padEnd(11),
        fixed(figures.rps, 0).padStart(8),
        fixed(figures.p50Ms).padStart(9),
        fixed(figures.p99Ms).padStart(8),
        fixed(figures.ttftP50Ms).padStart(9),
        (row.gateway === "direct" ? "" : fixed(row.addedMs)).padStart(9),
        (row.gateway === "direct" ? "" : fixed(figures.cpuMsPerRequest)).padStart(11),
        (row.gateway === "direct" ? "" : fixed(figures.rssMiB, 0)).padStart(9),
        String(figures.failures).padStart(7),
        ` ${byProcess}${figures.firstError ? ` (first error: ${figures.firstError})` : ""}`,
      ].join(" "),
    );
  }
}

/** Switchyard over Portkey per mode and concurrency: rps, CPU per request, added latency. */
export interface PeerRatio {
  readonly mode: "unary" | "stream";
  readonly concurrency: number;
  readonly rps: number;
  readonly cpuPerRequest: number;
  readonly addedMs: number;
}

/** The row of one gateway in one cell. */
function cellOf(rows: readonly PeerRow[], gateway: PeerRow["gateway"], mode: PeerRow["mode"], concurrency: number): PeerRow | undefined {
  return rows.find((row) => row.gateway === gateway && row.mode === mode && row.concurrency === concurrency);
}

/** The ratios of every cell both gateways answered (a cell where either answered nothing has none). */
export function ratios(rows: readonly PeerRow[]): PeerRatio[] {
  const find = (gateway: PeerRow["gateway"], mode: PeerRow["mode"], concurrency: number) => cellOf(rows, gateway, mode, concurrency);
  return rows
    .filter((row) => row.gateway === "switchyard")
    .flatMap((row) => {
      const peer = find("portkey", row.mode, row.concurrency);
      if (!peer || peer.figures.requests === 0 || row.figures.requests === 0) return [];
      return [
        {
          mode: row.mode,
          concurrency: row.concurrency,
          rps: row.figures.rps / peer.figures.rps,
          cpuPerRequest: row.figures.cpuMsPerRequest / peer.figures.cpuMsPerRequest,
          addedMs: row.addedMs / peer.addedMs,
        },
      ];
    });
}

/** Prints the ratios. */
export function printRatios(all: readonly PeerRatio[]): void {
  console.log("\nSwitchyard / Portkey   mode    conc   rps ×   CPU per request ×   added latency ×");
  for (const ratio of all)
    console.log(
      `                       ${ratio.mode.padEnd(7)} ${String(ratio.concurrency).padStart(4)} ${fixed(ratio.rps).padStart(7)} ${fixed(ratio.cpuPerRequest).padStart(19)} ${fixed(ratio.addedMs).padStart(17)}`,
    );
}

/** The issue's targets against what this run measured (a target whose cell did not run is unknown). */
export function checkTargets(rows: readonly PeerRow[]): TargetCheck[] {
  const find = (gateway: PeerRow["gateway"], mode: PeerRow["mode"], concurrency: number) => cellOf(rows, gateway, mode, concurrency);
  const top = Math.max(...rows.map((row) => row.concurrency));
  const low = Math.min(...rows.map((row) => row.concurrency));
  const sy = find("switchyard", "unary", top);
  const pk = find("portkey", "unary", top);
  const syLow = find("switchyard", "unary", low);
  const syStream = find("switchyard", "stream", low);
  return [
    {
      target: `unary c=${top}: Switchyard CPU per request <= Portkey's`,
      measured: sy && pk ? `${fixed(sy.figures.cpuMsPerRequest)} vs ${fixed(pk.figures.cpuMsPerRequest)} ms` : "not measured",
      met: sy && pk ? sy.figures.cpuMsPerRequest <= pk.figures.cpuMsPerRequest : undefined,
    },
    {
      target: `unary c=${top}: Switchyard rps >= 1.2 x Portkey's`,
      measured: sy && pk ? `${fixed(sy.figures.rps, 0)} vs ${fixed(pk.figures.rps, 0)} (x${fixed(sy.figures.rps / pk.figures.rps)})` : "not measured",
      met: sy && pk ? sy.figures.rps >= 1.2 * pk.figures.rps : undefined,
    },
    {
      target: `unary c=${low}: Switchyard added p50 <= 1.0 ms`,
      measured: syLow ? `${fixed(syLow.addedMs)} ms` : "not measured",
      met: syLow ? syLow.addedMs <= 1 : undefined,
    },
    {
      target: `stream c=${low}: StreamComplete adds <= 1 ms to the first token`,
      measured: syStream ? `${fixed(syStream.addedMs)} ms` : "not measured",
      met: syStream ? syStream.addedMs <= 1 : undefined,
    },
  ];
}

/** Prints the targets and whether this run met them. */
export function printTargets(checks: readonly TargetCheck[]): void {
  console.log("\ntargets (issue 12; one noisy run, not an assertion):");
  for (const check of checks) console.log(`  ${check.met === undefined ? "?  " : check.met ? "met" : "NOT"}  ${check.target}: ${check.measured}`);
}
