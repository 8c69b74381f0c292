import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc figures (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/**
 * CPU time (user + system) a process has used so far, in milliseconds, from /proc/<pid>/stat.
 * Resolution is 10 ms, so runs are made long enough that it does not matter.
 */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After "pid (comm) ", utime and stime are fields 12 and 13 (0-based) of the rest.
  return ((Number(fields[11]) + Number(fields[12])) * 1_000) / ticksPerSecond;
}
