import { readFileSync } from "node:fs";
import { processCpuMs } from "../executor/process-cpu.js";

/** One process whose CPU and memory a gateway is charged for. */
export interface MeasuredProcess {
  readonly name: string;
  readonly pid: number;
}

/** CPU used so far (ms, user + system) per process, from /proc/<pid>/stat. */
export function cpuSnapshot(processes: readonly MeasuredProcess[]): Map<string, number> {
  return new Map(processes.map((each) => [each.name, processCpuMs(each.pid)]));
}

/** CPU used per process between two snapshots, in ms. */
export function cpuSince(before: ReadonlyMap<string, number>, processes: readonly MeasuredProcess[]): Map<string, number> {
  const after = cpuSnapshot(processes);
  return new Map([...after].map(([name, ms]) => [name, ms - (before.get(name) ?? 0)]));
}

/** Resident memory of the processes together, in MiB (VmRSS of /proc/<pid>/status). */
export function residentMiB(processes: readonly MeasuredProcess[]): number {
  let kib = 0;
  for (const each of processes) {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${each.pid}/status`, "utf8"));
    kib += match ? Number(match[1]) : 0;
  }
  return kib / 1_024;
}
