import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, startProcess } from "@switchyard/stack";
import type { ManagedProcess } from "@switchyard/stack";
import { waitListening } from "./wait-listening.js";

/** The peer gateway, pinned: Portkey's published package, never a dependency of this repository. */
export const portkeyPackage = "@portkey-ai/gateway";
export const portkeyVersion = "1.15.2";

/** A running Portkey gateway. */
export interface RunningPortkey {
  readonly url: string;
  readonly process: ManagedProcess;
}

/**
 * Installs Portkey's gateway into `scratchDir` with npm (once: a folder that already holds this
 * version is reused) and returns the package folder.
 */
export function installPortkey(scratchDir: string): string {
  const packageDir = join(scratchDir, "node_modules", ...portkeyPackage.split("/"));
  const manifest = join(packageDir, "package.json");
  if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { version?: string }).version === portkeyVersion) return packageDir;
  mkdirSync(scratchDir, { recursive: true });
  writeFileSync(join(scratchDir, "package.json"), JSON.stringify({ name: "switchyard-bench-peer", private: true }));
  console.log(`installing ${portkeyPackage}@${portkeyVersion} into ${scratchDir} (bench only)...`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["install", "--prefix", scratchDir, "--no-audit", "--no-fund", "--omit=dev", `${portkeyPackage}@${portkeyVersion}`], {
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`npm install of ${portkeyPackage}@${portkeyVersion} failed (exit ${result.status ?? result.signal})`);
  return packageDir;
}

/** Starts `node build/start-server.js --port=N --headless` from the package and waits until it answers. */
export async function startPortkey(packageDir: string, workDir: string, path: string): Promise<RunningPortkey> {
  const port = await freePort();
  const child = startProcess({
    name: "portkey",
    command: process.execPath,
    args: [join(packageDir, "build/start-server.js"), `--port=${port}`, "--headless"],
    env: { PATH: path, NODE_ENV: "production" },
    logFile: join(workDir, "portkey.log"),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitListening(url, child);
  return { url, process: child };
}
