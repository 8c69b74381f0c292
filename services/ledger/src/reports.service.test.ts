import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { ReportDimension } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { inheritedEnvironment } from "@switchyard/stack";
import type { RunningNats } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Replica } from "./test-support/ledger-harness.js";
import { costEvent, keys, publishEvent, startReplica, startTestNats, withKey } from "./test-support/ledger-harness.js";

let nats: RunningNats;
let ledger: Replica;
const admin = withKey(keys.admin);
/** The export CLI runs as a child process with the test's PATH and nothing else. */
const childPath = inheritedEnvironment()["PATH"] ?? "";
const acme = withKey(keys.acme);
const june1 = Date.parse("2026-06-01T09:00:00Z");
const june2 = Date.parse("2026-06-02T09:00:00Z");
const usage = { inputTokens: 1_000n, outputTokens: 1_000n, totalTokens: 2_000n };

beforeAll(async () => {
  nats = await startTestNats();
  ledger = await startReplica(nats.url, { baselineModel: "large" });
  await publishEvent(
    ledger.link,
    costEvent("rep-1", 500n, {
      requestId: "q1",
      model: "small",
      apiKeyId: "key-1",
      strategy: "cascade",
      taskType: "code",
      usage,
      occurredAt: timestampFromMs(june1),
      tags: { project: "bot" },
    }),
  );
  await publishEvent(
    ledger.link,
    costEvent("rep-2", 0n, { requestId: "q2", model: "small", billed: false, outcome: 2, errorCode: "unavailable", occurredAt: timestampFromMs(june2) }),
  );
  await publishEvent(
    ledger.link,
    costEvent("rep-3", 9_000n, { requestId: "q2", model: "large", usage, occurredAt: timestampFromMs(june2), tags: { project: "has,comma" } }),
  );
  await publishEvent(ledger.link, costEvent("rep-4", 42n, { tenant: "globex", occurredAt: timestampFromMs(june2) }));
  for (let waited = 0; ledger.node.deps.index.size < 4 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}, 30_000);
afterAll(async () => {
  await ledger?.stop();
  await nats?.stop();
});

const failure = (promise: Promise<unknown>): Promise<ConnectError> =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );

describe("Report and ExportEvents", () => {
  it("reports spend, errors and savings against the configured baseline, grouped as asked", async () => {
    const report = await ledger.client().report({ groupBy: [ReportDimension.DAY, ReportDimension.MODEL] }, acme);
    expect(report.baselineModel).toBe("large");
    expect(report.rows.map((row) => [row.group["day"], row.group["model"], row.costNanoUsd, row.errors])).toEqual([
      ["2026-06-01", "small", 500n, 0n],
      ["2026-06-02", "large", 9_000n, 0n],
      ["2026-06-02", "small", 0n, 1n],
    ]);
    // 1000 input and 1000 output tokens at 3 and 15 USD per million: 18_000_000 nano-USD per answered request.
    expect(report.total).toMatchObject({
      costNanoUsd: 9_500n,
      requests: 2n,
      attempts: 3n,
      errors: 1n,
      baselineCostNanoUsd: 36_000_000n,
      savingsNanoUsd: 36_000_000n - 9_500n,
    });
    const byKey = await ledger.client().report(
      {
        groupBy: [ReportDimension.API_KEY, ReportDimension.PROJECT, ReportDimension.STRATEGY, ReportDimension.TASK_TYPE, ReportDimension.PROVIDER],
        baselineModel: "small",
      },
      acme,
    );
    expect(byKey.rows.find((row) => row.group["api_key"] === "key-1")?.group).toEqual({
      api_key: "key-1",
      project: "bot",
      strategy: "cascade",
      task_type: "code",
      provider: "sim",
    });
  });

  it("limits a report to a time range and shows an admin every tenant", async () => {
    const range = await ledger.client().report({ start: timestampFromMs(june2), end: timestampFromMs(june2 + 1), groupBy: [ReportDimension.TENANT] }, admin);
    expect(range.rows.map((row) => [row.group["tenant"], row.costNanoUsd])).toEqual([
      ["acme", 9_000n],
      ["globex", 42n],
    ]);
  });

  it.each([
    [
      "a start after the end",
      { start: timestampFromMs(june2), end: timestampFromMs(june1) },
      Code.InvalidArgument,
      /start 2026-06-02T09:00:00.000Z is after end/,
    ],
    ["nanos out of range", { start: { seconds: 1n, nanos: 1_000_000_000 } }, Code.InvalidArgument, /start: nanos 1000000000/],
    ["seconds out of range", { end: { seconds: 999_999_999_999n, nanos: 0 } }, Code.InvalidArgument, /end: seconds 999999999999 is outside/],
    ["an unknown dimension", { groupBy: [42] }, Code.InvalidArgument, /group_by: unknown dimension 42/],
    ["an unknown baseline", { baselineModel: "gpt-9" }, Code.NotFound, /unknown model "gpt-9"/],
    ["an unpriced baseline", { baselineModel: "unpriced" }, Code.FailedPrecondition, /no configured price/],
  ])("refuses %s", async (_name, request, code, message) => {
    const error = await failure(ledger.client().report(request, acme));
    expect(error.code).toBe(code);
    expect(error.rawMessage).toMatch(message);
  });

  it("streams a tenant's raw events by time range, and refuses another tenant's", async () => {
    const events = [];
    for await (const response of ledger.client().exportEvents({ start: timestampFromMs(june2) }, acme)) events.push(response.event?.eventId);
    expect(events).toEqual(["rep-2", "rep-3"]);
    const denied = await failure(
      (async () => {
        for await (const _ of ledger.client().exportEvents({ tenant: "globex" }, acme)) void _;
      })(),
    );
    expect(denied.code).toBe(Code.PermissionDenied);
    const malformed = await failure(
      (async () => {
        for await (const _ of ledger.client().exportEvents({ start: timestampFromMs(june2), end: timestampFromMs(june1) }, acme)) void _;
      })(),
    );
    expect(malformed.code).toBe(Code.InvalidArgument);
  });

  it("exports CSV from the command line", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "ledger-csv-")), "spend.csv");
    const cli = join(import.meta.dirname, "../dist/export/main.js");
    const args = [cli, "--url", ledger.service.url, "--from", "2026-06-02", "--to", "2026-06-03", "--tenant", "acme", "--out", out];
    const run = await promisify(execFile)(process.execPath, args, { env: { PATH: childPath, SWITCHYARD_API_KEY: keys.admin } });
    expect(run.stderr).toMatch(/2 cost events exported/);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toMatch(/^occurred_at,event_id,request_id,tenant,/);
    expect(lines.slice(1).map((line) => line.split(",")[1])).toEqual(["rep-2", "rep-3"]);
    expect(lines[2]).toContain('"has,comma"');
    expect(lines[2]).toContain(",9000,");
    const refused = await promisify(execFile)(process.execPath, [cli, "--from", "yesterday"], { env: { PATH: childPath } }).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/--from: not an ISO 8601 date/);
  });
});
