#!/usr/bin/env node
// `npm test`: installs what is missing, builds, runs every test (unit, service and system
// tests against a real nats-server and real processes), then prints `N passed, N failed`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, ensureNatsServer, ensureNodeModules } from "./setup-steps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureNodeModules(root);
const natsServer = ensureNatsServer();
build(root);

const resultsFile = join(root, ".switchyard/test-results.json");
mkdirSync(dirname(resultsFile), { recursive: true });
rmSync(resultsFile, { force: true });
const vitest = spawnSync(
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit", env: { ...process.env, NATS_SERVER_BIN: natsServer } },
);

if (!existsSync(resultsFile)) {
  console.log("0 passed, 1 failed (vitest wrote no results)");
  process.exit(vitest.status || 1);
}
const results = JSON.parse(readFileSync(resultsFile, "utf8"));
const failedSuites = results.testResults.filter((suite) => suite.status === "failed" && suite.assertionResults.length === 0).length;
console.log(`${results.numPassedTests} passed, ${results.numFailedTests + failedSuites} failed`);
process.exit(vitest.status ?? 1);
