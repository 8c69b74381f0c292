import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const repositoryRoot = join(import.meta.dirname, "../../..");

/** A files-by-path map written under `root`. */
type Tree = Readonly<Record<string, string>>;

const service: Tree = {
  "services/demo/package.json": JSON.stringify({ name: "demo", private: true, type: "module" }),
  "services/demo/src/main.ts": 'import { build } from "./server.js";\nbuild({ port: 1 });\n',
  "services/demo/src/server.ts":
    'import { routes } from "./routes.js";\nimport { config } from "./config.js";\n\nexport function build(deps: { port: number }): string {\n  return `${routes()}:${config.name}:${deps.port}`;\n}\n',
  "services/demo/src/routes.ts": 'import { serve } from "./service.js";\n\nexport function routes(): string {\n  return serve();\n}\n',
  "services/demo/src/service.ts": 'export function serve(): string {\n  return "demo";\n}\n',
  "services/demo/src/config.ts": 'export const config = { name: "demo" };\n',
};

/**
 * A small clean workspace checked with the repository's own biome.json and knip.json: one
 * service with the whole skeleton. `seed` adds (or, with `null`, removes) files to plant a defect.
 */
export function shapeFixture(seed: Readonly<Record<string, string | null>> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "shape-"));
  cpSync(join(repositoryRoot, "biome.json"), join(root, "biome.json"));
  cpSync(join(repositoryRoot, "knip.json"), join(root, "knip.json"));
  const tree: Record<string, string | null> = {
    "package.json": JSON.stringify({ name: "fixture", private: true, type: "module", workspaces: ["services/*"] }),
    ".gitignore": "node_modules\n",
    ...service,
    ...seed,
  };
  for (const [path, text] of Object.entries(tree)) {
    if (text === null) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export const checkShapeScript = join(repositoryRoot, "scripts/check-shape.mjs");
