import { setTimeout as sleep } from "node:timers/promises";
import type { ManagedProcess } from "./managed-process.js";

/** Polls an HTTP URL until it answers 2xx, failing early when the process exits. */
export async function waitForHttp(url: string, child: ManagedProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.isRunning()) throw new Error(`${child.name} exited during start-up; see its log`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms`);
}
