#!/usr/bin/env node
// Adds up the results that `npm test` and `npm run test:cluster` left in .switchyard/ and
// prints one closing line for CI: `N passed, N failed` over both.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let passed = 0;
let failed = 0;
for (const name of ["test-results.json", "test-results-cluster.json"]) {
  const file = join(root, ".switchyard", name);
  if (!existsSync(file)) {
    console.log(`${name} is missing: that suite did not run`);
    failed += 1;
    continue;
  }
  const results = JSON.parse(readFileSync(file, "utf8"));
  // A suite that failed outside its tests (a beforeAll that threw: its tests are then skipped) counts as one failure.
  const failedOutsideTests = (suite) => suite.status === "failed" && !suite.assertionResults.some((test) => test.status === "failed");
  const failedSuites = results.testResults.filter(failedOutsideTests).length;
  passed += results.numPassedTests;
  failed += results.numFailedTests + failedSuites;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
