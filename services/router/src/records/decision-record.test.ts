import { create } from "@bufbuild/protobuf";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { CompleteRequestSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import { continueTrace, runWithRequestContext } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import { complete } from "../complete-request.js";
import { createFakePeers } from "../test-support/fake-peers.js";

async function routeRecording(failPublish = false): Promise<{ records: CostEvent[]; requestId: string; response: Awaited<ReturnType<typeof complete>> }> {
  const peers = await createFakePeers();
  peers.predictions.set("tiny", [0.5, 0.9]).set("small", [0.75, 0.9]).set("medium", [0.85, 0.9]).set("large", [0.95, 0.9]);
  const records: CostEvent[] = [];
  const deps = {
    ...peers.deps,
    publishRecord: async (event: CostEvent) => {
      if (failPublish) throw new Error("nats is down");
      records.push(event);
    },
  };
  const requestId = `req-${Math.random().toString(36).slice(2)}`;
  const context = { requestId, trace: continueTrace(undefined), tenant: "acme", apiKeyId: "key-9" };
  const handler = { signal: new AbortController().signal, timeoutMs: () => undefined };
  const request = create(CompleteRequestSchema, {
    messages: [{ role: "user", content: "Explain tides." }],
    strategy: { kind: { case: "cheapest", value: { minQuality: 0.8 } } },
    tags: { team: "tides" },
  });
  const response = await runWithRequestContext(context, () => complete(deps, request, handler));
  await new Promise((resolve) => setImmediate(resolve));
  return { records, requestId, response };
}

describe("the decision record", () => {
  it("carries the response's routing decision to the ledger once, at zero cost and unbilled", async () => {
    const { records, requestId, response } = await routeRecording();
    expect(records).toHaveLength(1);
    const record = records[0]!;
    expect(record).toMatchObject({
      eventId: `${requestId}.decision`,
      requestId,
      tenant: "acme",
      apiKeyId: "key-9",
      model: "medium",
      strategy: "cheapest",
      costNanoUsd: 0n,
      billed: false,
      tags: { team: "tides" },
    });
    expect(record.usage?.totalTokens ?? 0n).toBe(0n);
    expect(record.routingDecision).toEqual(response.routingDecision);
    expect(record.routingDecision?.candidates.length).toBeGreaterThan(1);
  });

  it("never fails the request when it cannot be published", async () => {
    const { records, response } = await routeRecording(true);
    expect(records).toHaveLength(0);
    expect(response.model).toBe("medium");
  });
});
