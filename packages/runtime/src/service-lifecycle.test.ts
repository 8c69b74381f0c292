import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const repositoryRoot = join(import.meta.dirname, "../../..");

describe("runService", () => {
  it("exits 1 when start-up fails, even while an open connection would keep the process alive", () => {
    const script = join(mkdtempSync(join(tmpdir(), "switchyard-lifecycle-")), "failing-service.mts");
    writeFileSync(
      script,
      [
        `import { createLogger } from ${JSON.stringify(join(import.meta.dirname, "logger.ts"))};`,
        `import { runService } from ${JSON.stringify(join(import.meta.dirname, "service-lifecycle.ts"))};`,
        "setInterval(() => undefined, 1_000); // stands for a NATS connection opened before the failure",
        'await runService(createLogger({ service: "test", level: "info" }), async () => { throw new Error("cannot reach NATS"); });',
      ].join("\n"),
    );
    const child = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: repositoryRoot, encoding: "utf8", timeout: 20_000 });
    expect(child.signal, "the process hung instead of exiting").toBeNull();
    expect(child.status).toBe(1);
    expect(child.stdout).toMatch(/"msg":"start-up failed"/);
    expect(child.stdout).toMatch(/cannot reach NATS/);
  });
});
