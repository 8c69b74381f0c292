import type { MessageInitShape } from "@bufbuild/protobuf";
import { create } from "@bufbuild/protobuf";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { ReportDimension } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { describe, expect, it } from "vitest";
import { buildReport } from "./report-builder.js";

function event(eventId: string, fields: Omit<MessageInitShape<typeof CostEventSchema>, "$typeName">): { event: CostEvent; occurredAtMs: number } {
  const made = create(CostEventSchema, {
    eventId,
    tenant: "acme",
    model: "small",
    costNanoUsd: 100n,
    billed: true,
    outcome: AttemptOutcome.SUCCEEDED,
    usage: { inputTokens: 10n, outputTokens: 5n, totalTokens: 15n },
    ...fields,
  });
  return { event: made, occurredAtMs: 0 };
}

const shadowTags = (of: string) => ({ switchyard_role: "shadow", switchyard_shadow_of: of });

// Two answered requests, both shadowed by "large": r1's cheap answer agreed with it, r2's did not.
const events = [
  event("r1-a", { requestId: "r1", model: "small", costNanoUsd: 100n }),
  event("r1.decision", { requestId: "r1", model: "small", costNanoUsd: 0n, billed: false, outcome: AttemptOutcome.UNSPECIFIED, routingDecision: {} }),
  event("r1-s", { requestId: "r1/shadow", model: "large", costNanoUsd: 1_000n, strategy: "shadow", tags: shadowTags("r1") }),
  event("r1.shadow-quality", { requestId: "r1", model: "small", costNanoUsd: 0n, billed: false, quality: 1, qualitySource: "shadow", tags: shadowTags("r1") }),
  event("r2-a", { requestId: "r2", model: "small", costNanoUsd: 150n }),
  event("r2-s", { requestId: "r2/shadow", model: "large", costNanoUsd: 900n, strategy: "shadow", tags: shadowTags("r2") }),
  event("r2.shadow-quality", { requestId: "r2", model: "small", costNanoUsd: 0n, billed: false, quality: 0, qualitySource: "shadow", tags: shadowTags("r2") }),
  event("r3-a", { requestId: "r3", model: "small", costNanoUsd: 120n }),
  event("r3.critic-quality", { requestId: "r3", model: "small", costNanoUsd: 0n, billed: false, quality: 0.2, qualitySource: "critic" }),
];

describe("the report's shadow columns", () => {
  it("bills shadows as spend of the request they measured and itemises them, with realised quality and savings", () => {
    const report = buildReport(events, { groupBy: [], timeZone: "UTC", baseline: undefined });
    expect(report.total).toMatchObject({
      costNanoUsd: 100n + 1_000n + 150n + 900n + 120n,
      requests: 3n,
      attempts: 5n,
      shadowRequests: 2n,
      shadowCostNanoUsd: 1_900n,
      shadowQuality: 0.5,
      shadowQualityObservations: 2n,
      shadowSavingsNanoUsd: 1_000n - 100n + (900n - 150n),
    });
  });

  it("puts shadow spend under the shadowing model and the realised quality under the served one", () => {
    const report = buildReport(events, { groupBy: [ReportDimension.MODEL], timeZone: "UTC", baseline: undefined });
    const row = (model: string) => report.rows.find((each) => each.group["model"] === model);
    expect(row("large")).toMatchObject({ costNanoUsd: 1_900n, shadowRequests: 2n, shadowCostNanoUsd: 1_900n, requests: 2n });
    expect(row("small")).toMatchObject({ costNanoUsd: 370n, shadowRequests: 0n, shadowQuality: 0.5, shadowQualityObservations: 2n });
  });

  it("shows nothing for a period without shadows", () => {
    const report = buildReport(events.slice(7), { groupBy: [], timeZone: "UTC", baseline: undefined });
    expect(report.total).toMatchObject({
      shadowRequests: 0n,
      shadowCostNanoUsd: 0n,
      shadowQuality: 0,
      shadowQualityObservations: 0n,
      shadowSavingsNanoUsd: 0n,
    });
  });
});
