import { Code, ConnectError } from "@connectrpc/connect";
import { meshTokenHeader } from "@switchyard/runtime";
import type { RunningNats } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Replica } from "./test-support/ledger-harness.js";
import { costEvent, keys, publishEvent, startReplica, startTestNats, withKey } from "./test-support/ledger-harness.js";

// What the router publishes once per answered request: zero cost, unbilled, no attempt.
const decisionRecord = costEvent("ask-1.decision", 0n, {
  requestId: "ask-1",
  model: "large",
  billed: false,
  outcome: 0,
  usage: {},
  routingDecision: {
    candidates: [
      { model: "small", predictedQuality: 0.4, called: true },
      { model: "large", predictedQuality: 0.9, called: true },
    ],
    checks: [{ model: "small", kind: "tests", score: 0, passed: false, detail: "2 tests, run failed" }],
    stopReason: "accepted",
    chosenModel: "large",
    baselineModel: "large",
  },
});

let nats: RunningNats;
let ledger: Replica;
const meshToken = "lookup-mesh-token-0123456789";

beforeAll(async () => {
  nats = await startTestNats();
  ledger = await startReplica(nats.url, { meshToken });
  await publishEvent(ledger.link, costEvent("lk-1", 0n, { requestId: "ask-1", model: "small", billed: false, outcome: 2 }));
  await publishEvent(ledger.link, costEvent("lk-2", 500n, { requestId: "ask-1", model: "large", taskType: "code" }));
  await publishEvent(ledger.link, costEvent("lk-3", 90n, { requestId: "ask-1", model: "small", tags: { switchyard_role: "critic" } }));
  await publishEvent(ledger.link, costEvent("lk-4", 42n, { requestId: "ask-2", tenant: "globex" }));
  await publishEvent(ledger.link, decisionRecord);
  for (let waited = 0; ledger.node.deps.index.size < 5 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
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
const viaMesh = (tenant: string) => ({ headers: { "x-switchyard-tenant": tenant, [meshTokenHeader]: meshToken } });

describe("LookupRequest", () => {
  it("names the tenant, every model called and the model that answered (critics excluded)", async () => {
    const found = await ledger.client().lookupRequest({ requestId: "ask-1" }, withKey(keys.acme));
    expect(found).toMatchObject({ tenant: "acme", models: ["small", "large"], answeringModel: "large" });
    expect(await ledger.client().lookupRequest({ requestId: "ask-1" }, viaMesh("acme"))).toMatchObject({ tenant: "acme" });
  });

  it("returns the routing decision of the request's decision record, which is not counted as an attempt", async () => {
    const found = await ledger.client().lookupRequest({ requestId: "ask-1" }, withKey(keys.acme));
    expect(found.taskType).toBe("code");
    expect(found.routingDecision).toMatchObject({ stopReason: "accepted", chosenModel: "large", checks: [{ kind: "tests", passed: false }] });
    expect(found.routingDecision?.candidates.map((candidate) => candidate.model)).toEqual(["small", "large"]);
    const report = await ledger.client().report({ tenant: "acme", groupBy: [] }, withKey(keys.acme));
    expect(report.total).toMatchObject({ attempts: 3n, requests: 1n, costNanoUsd: 590n });
    const models = await ledger.client().modelReport({ tenant: "acme" }, withKey(keys.acme));
    expect(models.rows.find((row) => row.model === "large")).toMatchObject({ attempts: 1n, requests: 1n });
    const exported = [];
    for await (const { event } of ledger.client().exportEvents({ tenant: "acme" }, withKey(keys.acme))) if (event) exported.push(event);
    expect(exported.find((event) => event.eventId === "ask-1.decision")?.routingDecision?.stopReason).toBe("accepted");
  });

  it("has no routing decision for a request without a decision record", async () => {
    expect((await ledger.client().lookupRequest({ requestId: "ask-2" }, withKey(keys.admin))).routingDecision).toBeUndefined();
  });

  it("refuses another tenant's request as PERMISSION_DENIED, an unknown id as NOT_FOUND; an admin sees any", async () => {
    expect((await failure(ledger.client().lookupRequest({ requestId: "ask-2" }, withKey(keys.acme)))).code).toBe(Code.PermissionDenied);
    expect((await failure(ledger.client().lookupRequest({ requestId: "ask-1" }, viaMesh("globex")))).code).toBe(Code.PermissionDenied);
    expect((await failure(ledger.client().lookupRequest({ requestId: "never-made" }, withKey(keys.acme)))).code).toBe(Code.NotFound);
    expect((await failure(ledger.client().lookupRequest({ requestId: "" }, withKey(keys.acme)))).code).toBe(Code.InvalidArgument);
    expect(await ledger.client().lookupRequest({ requestId: "ask-2" }, withKey(keys.admin))).toMatchObject({ tenant: "globex" });
  });

  it("is refused without credentials (mesh token configured)", async () => {
    expect((await failure(ledger.client().lookupRequest({ requestId: "ask-1" }, { headers: { "x-switchyard-tenant": "acme" } }))).code).toBe(
      Code.Unauthenticated,
    );
  });
});
