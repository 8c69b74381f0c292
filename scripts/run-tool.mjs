#!/usr/bin/env node
// Runs a built tool after making sure it is installed and built:
//   node scripts/run-tool.mjs [--needs-nats] <entry.js> [args...]
// so that `npm run eval:e2e -- ...` and friends work on a fresh clone.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, ensureNatsServer, ensureNodeModules } from "./setup-steps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const needsNats = args[0] === "--needs-nats";
if (needsNats) args.shift();
const [entry, ...rest] = args;
ensureNodeModules(root);
const env = { ...process.env };
if (needsNats) env.NATS_SERVER_BIN = ensureNatsServer();
build(root, { quiet: true });
const result = spawnSync(process.execPath, [join(root, entry), ...rest], { stdio: "inherit", env });
process.exit(result.status ?? 1);
