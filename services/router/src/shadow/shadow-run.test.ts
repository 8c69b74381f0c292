import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { CompleteRequestSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { FeedbackSource } from "@switchyard/contracts/switchyard/v1/selector_pb";
import type { FeedbackRequest } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { continueTrace, runWithRequestContext } from "@switchyard/runtime";
import { beforeEach, describe, expect, it } from "vitest";
import { complete } from "../complete-request.js";
import type { RouterDeps } from "../router-deps.js";
import type { FakePeers } from "../test-support/fake-peers.js";
import { createFakePeers } from "../test-support/fake-peers.js";

let peers: FakePeers;
let deps: RouterDeps;
let records: CostEvent[];
let feedback: FeedbackRequest[];

beforeEach(async () => {
  peers = await createFakePeers();
  peers.predictions.set("tiny", [0.5, 0.9]).set("small", [0.75, 0.9]).set("medium", [0.85, 0.9]).set("large", [0.95, 0.9]);
  peers.behaviour.set("medium", "The answer is 42.").set("large", "The answer is 42.");
  records = [];
  feedback = [];
  deps = {
    ...peers.deps,
    selector: {
      ...peers.deps.selector,
      feedback: async (request) => {
        feedback.push(request as FeedbackRequest);
        return { $typeName: "switchyard.v1.FeedbackResponse", observations: 1n, duplicate: false };
      },
    },
    publishRecord: async (event) => {
      records.push(event);
    },
  };
});

let routed = 0;
function route(shadowRate: number | undefined): Promise<CompleteResponse> {
  routed += 1;
  const requestId = `req-${routed}`;
  const context = { requestId, trace: continueTrace(undefined), tenant: "acme", apiKeyId: undefined };
  const handler = { signal: new AbortController().signal, timeoutMs: () => undefined };
  const request = create(CompleteRequestSchema, {
    messages: [{ role: "user", content: "What is the product of 6 and 7?" }],
    strategy: { kind: { case: "cheapest", value: { minQuality: 0.8 } } },
    ...(shadowRate === undefined ? {} : { shadowRate }),
  });
  return runWithRequestContext(context, () => complete(deps, request, handler));
}

const observations = () => records.filter((record) => record.qualitySource === "shadow");
const shadowCalls = () => peers.generated.filter((request) => request.context?.tags["switchyard_role"] === "shadow");

describe("shadow_rate", () => {
  it("never calls the best model at rate 0", async () => {
    for (let index = 0; index < 10; index += 1) expect((await route(0)).model).toBe("medium");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(peers.generated.map((request) => request.model)).toEqual(Array(10).fill("medium"));
    expect(observations()).toEqual([]);
  });

  it("at rate 1 calls the best model behind every answer, budgeted under its own id and never returned", async () => {
    const response = await route(1);
    expect(response).toMatchObject({ model: "medium", totalCostNanoUsd: 200n });
    expect(response.attempts.map((attempt) => attempt.model)).toEqual(["medium"]);
    await expect.poll(() => observations().length).toBe(1);
    const [call] = shadowCalls();
    expect(call?.model).toBe("large");
    expect(call?.context).toMatchObject({ requestId: `${response.requestId}/shadow`, strategy: "shadow", reservationId: `res-${response.requestId}/shadow` });
    expect(call?.context?.tags["switchyard_shadow_of"]).toBe(response.requestId);
    expect(peers.reserved.map((reservation) => reservation.requestId)).toEqual([response.requestId, `${response.requestId}/shadow`]);
    await expect.poll(() => peers.released).toContain(`res-${response.requestId}/shadow`);
  });

  it("records the served answer's realised quality against the best model and feeds the tenant's estimates", async () => {
    const agreeing = await route(1);
    await expect.poll(() => observations().length).toBe(1);
    peers.behaviour.set("large", "The answer is 48.");
    const disagreeing = await route(1);
    await expect.poll(() => observations().length).toBe(2);
    expect(observations().map((record) => [record.requestId, record.model, record.quality, record.costNanoUsd, record.billed])).toEqual([
      [agreeing.requestId, "medium", 1, 0n, false],
      [disagreeing.requestId, "medium", 0, 0n, false],
    ]);
    expect(observations()[0]?.tags).toMatchObject({ switchyard_role: "shadow", switchyard_shadow_model: "large", switchyard_shadow_check: "agreement" });
    await expect.poll(() => feedback.length).toBe(2);
    expect(feedback.map((sent) => [sent.model, sent.quality, sent.source, sent.tenant])).toEqual([
      ["medium", 1, FeedbackSource.SHADOW, "acme"],
      ["medium", 0, FeedbackSource.SHADOW, "acme"],
    ]);
    expect(feedback[0]?.predictedQuality).toBe(0.85);
  });

  it("never fails the request when the shadow call fails", async () => {
    peers.behaviour.set("large", new ConnectError("simulated outage", Code.Unavailable));
    const response = await route(1);
    expect(response).toMatchObject({ model: "medium", answer: "The answer is 42." });
    await expect.poll(() => shadowCalls().length).toBe(1);
    await expect.poll(() => peers.released).toContain(`res-${response.requestId}/shadow`);
    expect(observations()).toEqual([]);
    expect(feedback).toEqual([]);
  });

  it("refuses a rate outside [0,1] as INVALID_ARGUMENT", async () => {
    const error = await route(2).then(
      () => undefined,
      (caught: unknown) => ConnectError.from(caught),
    );
    expect(error?.code).toBe(Code.InvalidArgument);
  });
});
