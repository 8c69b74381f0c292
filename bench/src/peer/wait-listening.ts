import type { ManagedProcess } from "@switchyard/stack";

/** Waits until `url` answers anything at all (any status), failing when the process exits first. */
export async function waitListening(url: string, child: ManagedProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.isRunning()) throw new Error(`${child.name} exited during start-up; see its log`);
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await child.stop("SIGKILL");
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms`);
}
