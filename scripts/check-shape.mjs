#!/usr/bin/env node
// `npm run check:shape`: the guards that keep the tree's shape, run by .ci/run.
//   1. one format (Biome) and no import cycles (Biome's noImportCycles);
//   2. no unused file, export or dependency (knip);
//   3. the service skeleton: every service has main.ts, server.ts exporting `build(deps)`,
//      routes.ts, service.ts and config.ts.
// `--root DIR` runs the same checks on another tree (their own tests seed defects in one).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const rootFlag = process.argv.indexOf("--root");
const root = rootFlag >= 0 ? resolve(process.argv[rootFlag + 1]) : repositoryRoot;
const bin = (name) => join(repositoryRoot, "node_modules", ".bin", name);
const skeleton = ["main.ts", "server.ts", "routes.ts", "service.ts", "config.ts"];

function run(title, command, args) {
  console.log(`::: ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  return result.status === 0;
}

function skeletonProblems() {
  const servicesDir = join(root, "services");
  if (!existsSync(servicesDir)) return [];
  const services = readdirSync(servicesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return services.flatMap(({ name }) => {
    const src = join(servicesDir, name, "src");
    const missing = skeleton.filter((file) => !existsSync(join(src, file))).map((file) => `services/${name}/src/${file} is missing`);
    const server = join(src, "server.ts");
    const exportsBuild = existsSync(server) && /export function build\(deps\b/.test(readFileSync(server, "utf8"));
    return existsSync(server) && !exportsBuild ? [...missing, `services/${name}/src/server.ts does not export build(deps)`] : missing;
  });
}

function checkSkeleton() {
  console.log("::: service skeleton");
  const problems = skeletonProblems();
  for (const problem of problems) console.error(`skeleton: ${problem}`);
  return problems.length === 0;
}

const results = [
  run("format and import cycles (biome ci)", bin("biome"), ["ci", "--reporter=summary", "."]),
  run("unused files, exports and dependencies (knip)", bin("knip"), ["--no-progress", "--no-config-hints"]),
  checkSkeleton(),
];
const failed = results.filter((passed) => !passed).length;
console.log(failed === 0 ? "shape: all checks passed" : `shape: ${failed} check(s) failed`);
process.exit(failed === 0 ? 0 : 1);
