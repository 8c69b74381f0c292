import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort, startLocalStack } from "@switchyard/stack";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "./run-cli.js";

// Tenants of tests/e2e/fixtures/account.yaml: acme (sim-small and sim-medium), globex, ops (admin).
const repositoryRoot = join(import.meta.dirname, "../../..");
const keys = { acme: "sk-acme-account", admin: "sk-switchyard-dev-admin" } as const;

let stack: RunningStack;

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(argv: string[], apiKey: string | undefined = keys.acme, interactive = false): Promise<Run> {
  const run = { code: 0, out: "", err: "" };
  const output = { out: (text: string) => void (run.out += text), err: (text: string) => void (run.err += text), interactive };
  run.code = await runCli(argv, { url: stack.urls.router, apiKey }, output, new AbortController().signal);
  return run;
}

const json = (run: Run): Record<string, unknown> => JSON.parse(run.out) as Record<string, unknown>;

beforeAll(async () => {
  stack = await startLocalStack({
    rootDir: repositoryRoot,
    workDir: mkdtempSync(join(tmpdir(), "switchyard-cli-")),
    ports: "free",
    simLatencyScale: 0.2,
    configPath: join(repositoryRoot, "tests/e2e/fixtures/account.yaml"),
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

describe("switchyard against a real stack", () => {
  let requestId = "";

  it("ask: the answer on stdout, model and cost on stderr; --json; --stream", async () => {
    const plain = await cli(["ask", "Say hi", "--strategy", "pinned", "--model", "sim-small", "--tag", "team=red"]);
    expect(plain).toMatchObject({ code: 0 });
    expect(plain.out).toMatch(/\[simulated sim-small\]/);
    expect(plain.err).toMatch(/^sim-small \(simulated\) · pinned · \$0\.\d+ · 1 attempt · request \S+\n$/);
    const asked = await cli(["ask", "Say hi again", "--strategy", "cheapest", "--json"]);
    expect(asked.code).toBe(0);
    expect(json(asked)).toMatchObject({ strategy: "cheapest", simulated: true });
    requestId = String(json(asked)["requestId"]);
    const streamed = await cli(["ask", "Stream it", "--strategy", "pinned", "--model", "sim-medium", "--stream"]);
    expect(streamed.code).toBe(0);
    expect(streamed.out).toMatch(/\[simulated sim-medium\]/);
    expect(streamed.err).toMatch(/sim-medium \(simulated\) · pinned/);
    const lines = (await cli(["ask", "Stream JSON", "--strategy", "pinned", "--model", "sim-small", "--stream", "--json"])).out.trim().split("\n");
    expect(Object.keys(JSON.parse(lines[0]!) as object)).toEqual(["start"]);
    expect(Object.keys(JSON.parse(lines.at(-1)!) as object)).toEqual(["completed"]);
  }, 60_000);

  it("models: the tenant's models as a table and as JSON", async () => {
    const table = await cli(["models"]);
    expect(table.code).toBe(0);
    expect(table.out.split("\n")[0]).toMatch(
      /^MODEL\s+PROVIDER\s+TIER\s+IN \$\/MTOK\s+OUT \$\/MTOK\s+CONTEXT\s+BREAKER\s+REQ LEFT\s+P50 MS\s+ERRORS\s+QUALITY BY TASK$/,
    );
    expect(table.out).toMatch(/sim-small \(simulated\)\s+simulator\s+small\s+\$0\.1\s+\$0\.4\s+8192\s+closed/);
    expect(table.out).not.toMatch(/sim-large/);
    const models = json(await cli(["models", "--json"]))["models"] as { state: { model: string }; tier: string }[];
    expect(models.map((model) => model.state.model).sort()).toEqual(["sim-medium", "sim-small"]);
  });

  it("report --by model,day: the spend just made, as a table and as JSON", async () => {
    await vi.waitFor(async () => expect(json(await cli(["report", "--json"]))["total"]).toMatchObject({ requests: "4" }), { timeout: 15_000, interval: 250 });
    const table = await cli(["report", "--by", "model,day", "--from", "1d"]);
    expect(table.code).toBe(0);
    expect(table.out.split("\n")[0]).toMatch(/^MODEL\s+DAY\s+REQUESTS\s+ATTEMPTS\s+ERRORS/);
    const rows = json(await cli(["report", "--by", "model,day", "--from", "1d", "--json"]))["rows"] as {
      group: Record<string, string>;
      requests: string;
      costNanoUsd: string;
    }[];
    expect(rows.map((row) => row.group["model"])).toEqual(["sim-medium", "sim-small"]);
    for (const row of rows)
      expect(table.out).toMatch(new RegExp(`\\n${row.group["model"]}\\s+${row.group["day"]}\\s+${row.requests}\\s+${row.requests}\\s+0\\s`));
    expect(table.out).toMatch(/\nTOTAL\s+4\s+4\s+0\s/);
    expect(table.out).toMatch(/savings against sim-large/);
    const tags = json(await cli(["report", "--by", "tag", "--tag", "team", "--json"]))["rows"] as { group: Record<string, string> }[];
    expect(tags.map((row) => row.group["tag:team"])).toEqual(["", "red"]);
  });

  it("stats --period daily|weekly: one row per period", async () => {
    const table = await cli(["stats", "--period", "daily"]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/\n\d{4}-\d\d-\d\d\s+4\s+4\s+0\.0%/);
    const weekly = json(await cli(["stats", "--period", "weekly", "--json"]))["periods"] as { period: string; requests: string }[];
    expect(weekly).toEqual([expect.objectContaining({ period: expect.stringMatching(/^week of \d{4}-\d\d-\d\d$/) as unknown, requests: "4" })]);
  });

  it("export --format csv: the tenant's events, progress on stderr, to stdout or a file", async () => {
    const exported = await cli(["export", "--format", "csv"], keys.acme, true);
    expect(exported.code).toBe(0);
    const lines = exported.out.trim().split("\n");
    expect(lines[0]).toMatch(/^occurred_at,event_id,request_id,tenant,/);
    expect(lines).toHaveLength(5);
    expect(exported.err).toMatch(/\rexporting 4\/4 cost events \(100%\)\n4 cost events exported\n$/);
    const out = join(mkdtempSync(join(tmpdir(), "switchyard-cli-csv-")), "spend.csv");
    const toFile = await cli(["export", "--out", out, "--json"]);
    expect(JSON.parse(toFile.err) as unknown).toEqual({ eventsExported: "4", out });
    expect(readFileSync(out, "utf8")).toBe(exported.out);
  });

  it("budget get|set: the tenant's budget; only an admin sets one", async () => {
    const table = await cli(["budget", "get"]);
    expect(table.out).toMatch(/\nacme\s+monthly\s+\$5\s+\$0\.\d+/);
    expect((json(await cli(["budget", "get", "--json"]))["budgets"] as { budgetId: string }[]).map((budget) => budget.budgetId)).toEqual(["acme"]);
    const refused = await cli(["budget", "set", "--tenant", "acme", "--limit-usd", "50"]);
    expect(refused.code).toBe(5);
    expect(refused.err).toMatch(/^switchyard: PERMISSION_DENIED: SetBudget needs an admin credential/);
    const set = await cli(["budget", "set", "--tenant", "acme", "--scope", "project", "--id", "red", "--limit-usd", "2", "--period", "daily"], keys.admin);
    expect(set.code).toBe(0);
    expect(set.out).toMatch(/\nacme\/project\/red\s+daily\s+\$2\s/);
    const task = await cli(["budget", "set", "--tenant", "acme", "--scope", "task-type", "--id", "code", "--limit-usd", "3", "--period", "total"], keys.admin);
    expect(task.out).toMatch(/\nacme\/task\/code\s+total\s+\$3\s/);
    expect((await cli(["budget", "get"])).out).toMatch(/\nacme\/task\/code\s+total\s+\$3\s/);
  });

  it("alerts: the tenant's alerts since a time, as a table and as JSON", async () => {
    await vi.waitFor(async () => expect((json(await cli(["alerts", "--json"]))["alerts"] as unknown[]).length).toBeGreaterThan(0), {
      timeout: 10_000,
      interval: 250,
    });
    const table = await cli(["alerts", "--since", "1h"]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/\n\d{4}-\d\d-\d\dT\S+\s+acme\s+0\.00%/);
  });

  it("feedback: reaches RouterService.Feedback and shows its answer", async () => {
    const given = await cli(["feedback", requestId, "--quality", "0.9"]);
    // The server side lands separately; either answer must be shown as the server gave it.
    if (given.code === 0) expect(given.out).toMatch(/^(recorded|already recorded)\n$/);
    else expect(given.err).toMatch(/^switchyard: UNIMPLEMENTED: /);
    expect(await cli(["feedback", "--quality", "0.9"])).toMatchObject({ code: 2, err: expect.stringMatching(/REQUEST_ID/) as unknown });
  });

  it("bad flags and bad keys: exit codes with clear messages", async () => {
    expect(await cli(["report", "--by", "colour"])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^switchyard: --by: unknown dimension "colour"/) as unknown,
    });
    expect(await cli(["models", "--bogus"])).toMatchObject({ code: 2, err: expect.stringMatching(/--bogus/) as unknown });
    expect(await cli(["frobnicate"])).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command "frobnicate"/) as unknown });
    expect(await cli(["ask", "x", "--strategy", "pinned"])).toMatchObject({ code: 2 });
    expect(await cli(["ask", "x", "--strategy", "pinned", "--model", "sim-large"])).toMatchObject({
      code: 5,
      err: expect.stringMatching(/may not use model "sim-large"/) as unknown,
    });
    expect(await cli(["models"], "sk-wrong")).toMatchObject({ code: 4, err: "switchyard: UNAUTHENTICATED: invalid API key\n" });
    expect(await cli(["report", "--tenant", "globex"])).toMatchObject({ code: 5 });
  });

  it("the installed bin: an unreachable router exits 3 and says where it looked", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    // The committed bin npm links, run with no environment: no SWITCHYARD_URL or key leaks in.
    const failed = await promisify(execFile)(process.execPath, [join(import.meta.dirname, "../bin/switchyard.js"), "models", "--url", url], { env: {} }).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failed).toMatchObject({ code: 3, stderr: `switchyard: cannot reach the router at ${url} (ECONNREFUSED); set --url or SWITCHYARD_URL\n` });
  }, 20_000);
});
