#!/usr/bin/env node
// Regenerates packages/contracts from proto/ and fails if anything changed: the committed
// generated code must be exactly what the protos produce (connect-es gh-diffcheck style).
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
execFileSync("npx", ["buf", "lint"], { cwd: root, stdio: "inherit" });
execFileSync("npx", ["buf", "generate"], { cwd: root, stdio: "inherit" });
const changed = execFileSync("git", ["status", "--porcelain", "--", "packages/contracts/src/gen", "proto"], { cwd: root, encoding: "utf8" });
if (changed.trim()) {
  console.error(`generated code differs from proto/ — run \`npm run generate\` and commit:\n${changed}`);
  process.exit(1);
}
console.log("generated code matches proto/");
