import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { checkShapeScript, shapeFixture } from "./shape-fixture.js";

function checkShape(root: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [checkShapeScript, "--root", root], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("check:shape, the guards that keep the tree's shape", () => {
  it("passes a clean tree (so each failure below is the seeded defect's)", () => {
    const { status, output } = checkShape(shapeFixture());
    expect(output).toContain("shape: all checks passed");
    expect(status).toBe(0);
  });

  it("fails on an import cycle, naming the file", () => {
    const { status, output } = checkShape(
      shapeFixture({
        "services/demo/src/service.ts": 'import { routes } from "./routes.js";\n\nexport function serve(): string {\n  return typeof routes;\n}\n',
      }),
    );
    expect(status).toBe(1);
    expect(output).toMatch(/noImportCycles/);
  });

  it("fails on an unused file, naming it", () => {
    const { status, output } = checkShape(shapeFixture({ "services/demo/src/orphan.ts": "export const orphan = 1;\n" }));
    expect(status).toBe(1);
    expect(output).toMatch(/Unused files[\s\S]*services\/demo\/src\/orphan\.ts/);
  });

  it("fails on an unused export, naming it", () => {
    const { status, output } = checkShape(
      shapeFixture({ "services/demo/src/config.ts": 'export const config = { name: "demo" };\nexport const unusedSetting = 2;\n' }),
    );
    expect(status).toBe(1);
    expect(output).toMatch(/Unused exports[\s\S]*unusedSetting/);
  });

  it("fails on a missing skeleton file and on a server.ts without build(deps)", () => {
    const missing = checkShape(
      shapeFixture({ "services/demo/src/routes.ts": null, "services/demo/src/server.ts": 'export function start(): string {\n  return "x";\n}\n' }),
    );
    expect(missing.status).toBe(1);
    expect(missing.output).toContain("skeleton: services/demo/src/routes.ts is missing");
    expect(missing.output).toContain("skeleton: services/demo/src/server.ts does not export build(deps)");
  });

  it("fails on a file not in the one format", () => {
    const { status, output } = checkShape(shapeFixture({ "services/demo/src/config.ts": "export const config = { name: 'demo' }\n" }));
    expect(status).toBe(1);
    expect(output).toMatch(/format/i);
  });
});
