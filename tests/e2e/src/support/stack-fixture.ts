import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalStack } from "@switchyard/stack";
import type { RunningStack, StackOptions } from "@switchyard/stack";

/** The repository root, where services/*\/dist and tools/*\/dist are built. */
export const repositoryRoot = join(import.meta.dirname, "../../../..");

/** Starts a whole stack on free ports in a fresh temporary directory. */
export function startTestStack(options: Partial<StackOptions> = {}): Promise<RunningStack> {
  return startLocalStack({
    rootDir: repositoryRoot,
    workDir: mkdtempSync(join(tmpdir(), "switchyard-e2e-")),
    ports: "free",
    simLatencyScale: 0.2,
    ...options,
  });
}
