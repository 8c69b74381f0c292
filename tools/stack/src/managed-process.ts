import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** How to start one process of the stack. */
export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** stdout and stderr are appended here. */
  readonly logFile: string;
}

/** A child process the stack owns. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number | undefined;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** Sends a signal; resolves when the process has exited (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | string>;
  isRunning(): boolean;
}

/**
 * Children still running. If this process dies without stopping its stack (an uncaught error,
 * `process.exit`), they are killed on the way out instead of being left holding ports and data.
 */
const liveChildren = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
});

/** Spawns a process with its output going to its log file. */
export function startProcess(spec: ProcessSpec): ManagedProcess {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const log = createWriteStream(spec.logFile, { flags: "a" });
  const child: ChildProcess = spawn(spec.command, [...spec.args], { env: { ...spec.env }, stdio: ["ignore", "pipe", "pipe"] });
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let running = true;
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => {
      running = false;
      resolve(code ?? signal ?? "unknown");
    });
    child.once("error", (error) => {
      running = false;
      log.write(`spawn failed: ${error.message}\n`);
      resolve("spawn-error");
    });
  });
  void exited.then(() => log.end());
  return {
    name: spec.name,
    pid: child.pid,
    exited,
    isRunning: () => running,
    async stop(signal = "SIGTERM", graceMs = 15_000) {
      if (!running) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
