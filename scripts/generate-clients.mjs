#!/usr/bin/env node
// Regenerates the Python and Go clients (clients/python, clients/go) from proto/ with local
// plugins only: protoc's built-in Python generator and Debian's grpc_python_plugin,
// protoc-gen-go and protoc-gen-go-grpc. Each output folder is emptied first, so a removed proto
// leaves no stale file behind (the TypeScript template's `clean: true` would wipe the READMEs
// and module files that live beside the generated code).
import { execFileSync, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Each plugin binary and the Debian package that ships it. */
const plugins = [
  ["protoc", "protobuf-compiler"],
  ["grpc_python_plugin", "protobuf-compiler-grpc"],
  ["protoc-gen-go", "protoc-gen-go"],
  ["protoc-gen-go-grpc", "protoc-gen-go-grpc"],
];

const templates = [
  { template: "buf.gen.python.yaml", generated: "clients/python/src/switchyard" },
  { template: "buf.gen.go.yaml", generated: "clients/go/switchyardv1" },
];

const missing = plugins.filter(([binary]) => spawnSync("sh", ["-c", `command -v ${binary}`]).status !== 0);
if (missing.length > 0) {
  console.error(
    `generate-clients: missing ${missing.map(([binary]) => binary).join(", ")}.\n` +
      `  Debian/Ubuntu: sudo apt-get install ${missing.map(([, pkg]) => pkg).join(" ")}`,
  );
  process.exit(1);
}
for (const { template, generated } of templates) {
  rmSync(join(root, generated), { recursive: true, force: true });
  execFileSync("npx", ["buf", "generate", "--template", template], { cwd: root, stdio: "inherit" });
}
console.log("generate-clients: clients/python and clients/go regenerated");
