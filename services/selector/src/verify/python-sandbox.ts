import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sandboxPrelude } from "./sandbox-prelude.js";

/** Hard limits of one sandboxed run. */
export interface SandboxLimits {
  /** CPU seconds (RLIMIT_CPU; SIGKILL past it). */
  readonly cpuSeconds: number;
  /** Address space in bytes (RLIMIT_AS): an allocation past it fails. */
  readonly memoryBytes: number;
  /** Wall time before the whole process group is killed. */
  readonly wallMs: number;
  /** Output kept per stream; more is cut and the run fails. */
  readonly outputBytes: number;
}

export const defaultSandboxLimits: SandboxLimits = { cpuSeconds: 3, memoryBytes: 512 * 1024 * 1024, wallMs: 6_000, outputBytes: 64 * 1024 };

/** How a run ended. `passed` only when the program exited 0 within every limit. */
export type SandboxStatus = "passed" | "failed" | "blocked" | "timeout" | "killed" | "unavailable";

export interface SandboxResult {
  readonly status: SandboxStatus;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The end of stderr (the failing assertion or the sandbox's refusal), at most 2,000 characters. */
  readonly detail: string;
}

/** The real interpreter behind `python3` (a shim such as pyenv's would run outside the limits' intent). */
let interpreter: string | null | undefined;

function pythonPath(): string | null {
  if (interpreter !== undefined) return interpreter;
  const found = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8", timeout: 10_000 });
  interpreter = found.status === 0 && found.stdout.trim() !== "" ? found.stdout.trim() : null;
  return interpreter;
}

/** Whether this host can isolate a run (an unprivileged user + network namespace, prlimit, python3). */
export function sandboxAvailable(): boolean {
  const python = pythonPath();
  if (!python) return false;
  const probe = spawnSync("unshare", ["--user", "--map-root-user", "--net", "--", "prlimit", "--cpu=1", "--", python, "-I", "-S", "-c", "pass"], {
    timeout: 10_000,
  });
  return probe.status === 0;
}

/**
 * Runs an untrusted Python program: in new user and network namespaces (no interface but a
 * downed loopback: nothing can be reached), under prlimit (CPU seconds, address space, no file
 * may be written, 32 descriptors, no core dump), in a fresh empty working directory that is
 * removed afterwards, with an empty environment, `-I -S -B` (no site, no user paths, no
 * bytecode written), behind the audit-hook prelude, and killed (the whole process group) at
 * the wall limit. Every program is treated as hostile; a host that cannot isolate refuses
 * (`unavailable`) instead of running it bare.
 */
export async function runSandboxed(program: string, limits: SandboxLimits = defaultSandboxLimits): Promise<SandboxResult> {
  const python = pythonPath();
  if (!python) return { status: "unavailable", exitCode: null, signal: null, detail: "python3 not found" };
  const cwd = mkdtempSync(join(tmpdir(), "sandbox-"));
  try {
    return await execute(python, `${sandboxPrelude}\n${program}`, cwd, limits);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

function execute(python: string, source: string, cwd: string, limits: SandboxLimits): Promise<SandboxResult> {
  const args = [
    "--user",
    "--map-root-user",
    "--net",
    "--",
    "prlimit",
    `--cpu=${limits.cpuSeconds}`,
    `--as=${limits.memoryBytes}`,
    "--fsize=0",
    "--nofile=32",
    "--core=0",
    "--",
    python,
    "-I",
    "-S",
    "-B",
    "-c",
    source,
  ];
  return new Promise((resolve) => {
    const child = spawn("unshare", args, { cwd, env: {}, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let overflow = false;
    let timedOut = false;
    const keep = (chunk: Buffer, into: "out" | "err"): void => {
      if (into === "err") stderr = (stderr + chunk.toString("utf8")).slice(-limits.outputBytes);
      if (chunk.length > limits.outputBytes) overflow = true;
    };
    child.stdout.on("data", (chunk: Buffer) => keep(chunk, "out"));
    child.stderr.on("data", (chunk: Buffer) => keep(chunk, "err"));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, limits.wallMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ status: "unavailable", exitCode: null, signal: null, detail: error.message });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      killGroup(child.pid);
      resolve({ status: statusOf(code, signal, timedOut, overflow, stderr), exitCode: code, signal, detail: stderr.slice(-2000) });
    });
  });
}

function statusOf(code: number | null, signal: NodeJS.Signals | null, timedOut: boolean, overflow: boolean, stderr: string): SandboxStatus {
  if (timedOut) return "timeout";
  if (signal !== null) return signal === "SIGXCPU" || signal === "SIGKILL" ? "timeout" : "killed";
  if (code === 86 && stderr.includes("sandbox: blocked")) return "blocked";
  if (code === 1 && /unshare: .*(Operation not permitted|failed)/.test(stderr)) return "unavailable";
  return code === 0 && !overflow ? "passed" : "failed";
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // The group is already gone.
  }
}
