import { create } from "@bufbuild/protobuf";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { describe, expect, it } from "vitest";
import { SpendBook } from "./spend-book.js";

function event(eventId: string, fields: Partial<Pick<CostEvent, "tenant" | "requestId" | "costNanoUsd" | "billed" | "outcome">> = {}): CostEvent {
  return create(CostEventSchema, {
    eventId, tenant: "acme", model: "sim-small", requestId: `req-${eventId}`, costNanoUsd: 100n, billed: true,
    outcome: AttemptOutcome.SUCCEEDED, usage: { inputTokens: 3n, outputTokens: 4n, totalTokens: 7n }, ...fields,
  });
}

describe("SpendBook", () => {
  it("applies each event id once", () => {
    const book = new SpendBook();
    expect(book.apply(event("a"))).toBe(true);
    expect(book.apply(event("a"))).toBe(false);
    expect(book.apply(event("b"))).toBe(true);
    expect(book.lines("acme")[0]).toMatchObject({ costNanoUsd: 200n, attempts: 2n, totalTokens: 14n });
  });

  it("counts failed attempts as errors and charges only billed ones", () => {
    const book = new SpendBook();
    book.apply(event("ok"));
    book.apply(event("failed", { outcome: AttemptOutcome.FAILED, billed: false, costNanoUsd: 0n, requestId: "req-ok" }));
    expect(book.lines("acme")[0]).toMatchObject({ costNanoUsd: 100n, attempts: 2n, errors: 1n });
    expect(book.lines("acme")[0]?.requestIds.size).toBe(1);
  });

  it("keeps tenants apart", () => {
    const book = new SpendBook();
    book.apply(event("a"));
    book.apply(event("b", { tenant: "other" }));
    expect(book.lines("acme")).toHaveLength(1);
    expect(book.lines(undefined)).toHaveLength(2);
  });
});
