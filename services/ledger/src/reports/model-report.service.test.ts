import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { RunningNats } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Replica } from "../test-support/ledger-harness.js";
import { costEvent, keys, publishEvent, startReplica, startTestNats, withKey } from "../test-support/ledger-harness.js";

// A replay with known outcomes, published on the COSTS stream as the executor (attempts) and the
// router (quality observations, cache hits) publish them, then read back through the RPCs.
const t0 = Date.parse("2026-07-01T10:00:00Z");
const at = (seconds: number) => timestampFromMs(t0 + seconds * 1000);
let serial = 0;
const attempt = (model: string, taskType: string, cost: bigint, latencyMs: number, extra: Partial<CostEvent> = {}): CostEvent =>
  costEvent(`mr-${++serial}`, cost, { requestId: `q-${serial}`, model, taskType, latencyMs, occurredAt: at(serial), ...extra });
const quality = (model: string, taskType: string, value: number, tenant = "acme"): CostEvent =>
  costEvent(`mq-${++serial}`, 0n, {
    requestId: `q-${serial}`,
    tenant,
    model,
    taskType,
    billed: false,
    outcome: AttemptOutcome.UNSPECIFIED,
    usage: {},
    quality: value,
    qualitySource: "check",
    occurredAt: at(serial),
  });

const replay: CostEvent[] = [
  // code: tiny is cheapest but poor; small is good enough; large is best and dearest.
  attempt("tiny", "code", 10n, 40),
  attempt("tiny", "code", 10n, 60),
  attempt("tiny", "code", 10n, 50),
  quality("tiny", "code", 0.3),
  quality("tiny", "code", 0.4),
  quality("tiny", "code", 0.2),
  attempt("small", "code", 100n, 100, { timeToFirstTokenMs: 20 }),
  attempt("small", "code", 100n, 200, { timeToFirstTokenMs: 40 }),
  attempt("small", "code", 100n, 300),
  attempt("small", "code", 0n, 50, { billed: false, outcome: AttemptOutcome.FAILED, errorCode: "unavailable" }),
  attempt("small", "code", 0n, 0, { billed: false, outcome: AttemptOutcome.REJECTED, errorCode: "resource_exhausted" }),
  quality("small", "code", 0.9),
  quality("small", "code", 0.8),
  quality("small", "code", 0.85),
  attempt("large", "code", 1000n, 900),
  attempt("large", "code", 1000n, 1100),
  quality("large", "code", 0.95),
  quality("large", "code", 0.95),
  quality("large", "code", 0.95),
  // math: small falls short, large clears the bar.
  attempt("small", "math", 100n, 100),
  quality("small", "math", 0.5),
  quality("small", "math", 0.6),
  quality("small", "math", 0.4),
  attempt("large", "math", 1000n, 1000),
  quality("large", "math", 0.9),
  quality("large", "math", 0.8),
  quality("large", "math", 1),
  // chat: one observation is not evidence enough.
  attempt("small", "chat", 100n, 100),
  quality("small", "chat", 1),
  // A cache hit reached no provider: no latency, no attempt, but the Report counts what it saved.
  attempt("small", "code", 0n, 1, { billed: false, cacheHit: true, savedNanoUsd: 100n }),
  // Another tenant's events never show.
  attempt("small", "code", 5n, 10_000, { tenant: "globex" }),
  quality("small", "code", 0, "globex"),
];

let nats: RunningNats;
let ledger: Replica;
const acme = withKey(keys.acme);
const range = { start: at(0), end: at(1000) };

beforeAll(async () => {
  nats = await startTestNats();
  ledger = await startReplica(nats.url);
  for (const event of replay) await publishEvent(ledger.link, event);
  for (let waited = 0; ledger.node.deps.index.size < replay.length && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}, 30_000);
afterAll(async () => {
  await ledger?.stop();
  await nats?.stop();
});

describe("LedgerService.ModelReport", () => {
  it("computes each model's requests, success rate, latency and TTFT percentiles, quality, cost and utilisation", async () => {
    const report = await ledger.client().modelReport({ ...range, taskType: "code" }, acme);
    expect(report.rows.map((row) => row.model)).toEqual(["large", "small", "tiny"]);
    const small = report.rows.find((row) => row.model === "small")!;
    // 5 attempts (the refused one included), 4 reached the provider, 3 succeeded.
    expect(small).toMatchObject({
      requests: 5n,
      attempts: 5n,
      successRate: 0.75,
      latencyP50Ms: 100,
      latencyP95Ms: 300,
      ttftP50Ms: 20,
      ttftP95Ms: 40,
      qualityObservations: 3n,
      costNanoUsd: 300n,
      costPerSuccessNanoUsd: 100n,
    });
    expect(small.quality).toBeCloseTo(0.85, 10);
    // 650 ms busy over the 1000 s period.
    expect(small.utilisation).toBeCloseTo(650 / 1_000_000, 12);
    expect(report.rows.find((row) => row.model === "large")).toMatchObject({
      successRate: 1,
      latencyP50Ms: 900,
      latencyP95Ms: 1100,
      ttftP50Ms: 0,
      costPerSuccessNanoUsd: 1000n,
    });
  });

  it("covers every task type without a filter and refuses another tenant's data", async () => {
    const report = await ledger.client().modelReport({ ...range, models: ["small"] }, acme);
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ requests: 7n, qualityObservations: 7n });
    const denied = await ledger
      .client()
      .modelReport({ tenant: "globex" }, acme)
      .then(
        () => undefined,
        (error: unknown) => ConnectError.from(error),
      );
    expect(denied?.code).toBe(Code.PermissionDenied);
  });

  it("shows the cache hit's savings in the spend report, not as an attempt of the model", async () => {
    const report = await ledger.client().report({ ...range }, acme);
    expect(report.total).toMatchObject({ cacheHits: 1n, cacheSavingsNanoUsd: 100n });
    // Quality observations are not attempts.
    const attempts = replay.filter((event) => event.tenant === "acme" && event.quality === undefined).length;
    expect(report.total?.attempts).toBe(BigInt(attempts));
  });
});

describe("LedgerService.Recommendations", () => {
  it("recommends per task type the cheapest model that met the bar, with the evidence", async () => {
    const response = await ledger.client().recommendations({ ...range, minQuality: 0.8 }, acme);
    const byTask = Object.fromEntries(response.recommendations.map((item) => [item.taskType, item]));
    expect(Object.keys(byTask)).toEqual(["chat", "code", "math"]);
    expect(byTask["code"]?.model).toBe("small");
    expect(byTask["code"]?.evidence.map((row) => row.model)).toEqual(["tiny", "small", "large"]);
    expect(byTask["math"]?.model).toBe("large");
    expect(byTask["chat"]?.model).toBe("");
    expect(byTask["chat"]?.reason).toMatch(/at least 3 observations/);
  });

  it("moves with the bar and refuses one outside [0,1]", async () => {
    const strict = await ledger.client().recommendations({ ...range, minQuality: 0.9 }, acme);
    expect(strict.recommendations.find((item) => item.taskType === "code")?.model).toBe("large");
    const bad = await ledger
      .client()
      .recommendations({ minQuality: 1.5 }, acme)
      .then(
        () => undefined,
        (error: unknown) => ConnectError.from(error),
      );
    expect(bad?.code).toBe(Code.InvalidArgument);
    expect(bad?.message).toMatch(/min_quality/);
  });
});
