#!/usr/bin/env node
// `npm test`: installs what is missing, builds, runs every test (unit, service and system
// tests against a real nats-server and real processes), then prints `N passed, N failed`.
// `npm run test:cluster` (`--suite cluster`) does the same for the replicated-cluster test
// alone, which is too slow for every run (tests/e2e/vitest.cluster.config.ts).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, ensureClientToolchains, ensureNatsServer, ensureNodeModules } from "./setup-steps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureNodeModules(root);
const natsServer = ensureNatsServer();
ensureClientToolchains();
build(root);

const suiteFlag = process.argv.indexOf("--suite");
const suite = suiteFlag >= 0 ? process.argv[suiteFlag + 1] : "all";
const vitestArgs = suiteFlag >= 0 ? process.argv.slice(2).filter((_, index) => index !== suiteFlag - 2 && index !== suiteFlag - 1) : process.argv.slice(2);
const suites = { all: [], cluster: ["--config", "tests/e2e/vitest.cluster.config.ts"] };
if (!(suite in suites)) {
  console.error(`unknown test suite "${suite}"; known: ${Object.keys(suites).join(", ")}`);
  process.exit(2);
}
const resultsFile = join(root, suite === "all" ? ".switchyard/test-results.json" : `.switchyard/test-results-${suite}.json`);
mkdirSync(dirname(resultsFile), { recursive: true });
rmSync(resultsFile, { force: true });
const vitest = spawnSync(
  "npx",
  ["vitest", "run", ...suites[suite], "--reporter=default", "--reporter=json", `--outputFile.json=${resultsFile}`, ...vitestArgs],
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
