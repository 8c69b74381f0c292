import { join } from "node:path";
import { freePort, startProcess } from "@switchyard/stack";
import type { ManagedProcess } from "@switchyard/stack";
import { waitListening } from "./wait-listening.js";

/** The instant upstream stub, running as its own process. */
export interface RunningUpstream {
  readonly url: string;
  readonly process: ManagedProcess;
}

/** Starts bench/dist/peer/upstream-stub.js on a free port and waits until it answers. */
export async function startUpstream(workDir: string, path: string): Promise<RunningUpstream> {
  const port = await freePort();
  const child = startProcess({
    name: "upstream-stub",
    command: process.execPath,
    args: [join(import.meta.dirname, "upstream-stub.js"), String(port)],
    env: { PATH: path },
    logFile: join(workDir, "upstream-stub.log"),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitListening(url, child, 30_000);
  return { url, process: child };
}
