#!/usr/bin/env node
// Regenerates packages/contracts, clients/python and clients/go from proto/ and fails if anything
// changed: the committed generated code must be exactly what the protos produce (connect-es
// gh-diffcheck style). The clients need Debian's protoc plugins (scripts/generate-clients.mjs
// names the packages when one is missing; .ci/run installs them).
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
execFileSync("npx", ["buf", "lint"], { cwd: root, stdio: "inherit" });
execFileSync("npx", ["buf", "generate"], { cwd: root, stdio: "inherit" });
execFileSync("node", ["scripts/generate-clients.mjs"], { cwd: root, stdio: "inherit" });
const generated = ["packages/contracts/src/gen", "clients/python/src", "clients/go/switchyardv1", "proto"];
const changed = execFileSync("git", ["status", "--porcelain", "--", ...generated], { cwd: root, encoding: "utf8" });
if (changed.trim()) {
  console.error(`generated code differs from proto/ — run \`npm run generate\` and \`npm run generate:clients\` and commit:\n${changed}`);
  process.exit(1);
}
console.log("generated code matches proto/");
