import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { ErrorInfoSchema, RetryInfoSchema } from "@switchyard/contracts/google/rpc/error_details_pb";
import { ErrorDetailSchema, ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { describe, expect, it } from "vitest";
import { errorDetailOf, errorReasonName, errorReasonOf, reasonDetails, retryAfterMsOf } from "./error-reason.js";
import type { OutgoingDetail } from "./error-reason.js";

/** What a caller sees when an executor handler throws `error` (serialised over the Connect protocol). */
async function seenByCaller(error: ConnectError): Promise<ConnectError> {
  const transport = createRouterTransport(({ service }) =>
    service(ExecutorService, {
      generate: () => {
        throw error;
      },
    }),
  );
  try {
    await createClient(ExecutorService, transport).generate({ model: "m" });
  } catch (caught) {
    return ConnectError.from(caught);
  }
  throw new Error("the call succeeded");
}

describe("error reasons on the wire", () => {
  it("carries the reason, the retry delay and the facts across an RPC", async () => {
    const details = reasonDetails({ reason: ErrorReason.CIRCUIT_OPEN, retryAfterMs: 1_500, model: "sim-small" });
    const seen = await seenByCaller(new ConnectError("breaker open", Code.Unavailable, undefined, details));
    expect(errorReasonOf(seen)).toBe(ErrorReason.CIRCUIT_OPEN);
    expect(errorDetailOf(seen)).toMatchObject({ model: "sim-small", retryAfterMs: 1_500n });
    expect(retryAfterMsOf(seen)).toBe(1_500);
    expect(seen.findDetails(RetryInfoSchema)[0]?.retryDelay).toMatchObject({ seconds: 1n, nanos: 500_000_000 });
  });

  it("keeps sending the deprecated ErrorInfo string for reasons that had one", async () => {
    const seen = await seenByCaller(
      new ConnectError(
        "too long",
        Code.FailedPrecondition,
        undefined,
        reasonDetails({ reason: ErrorReason.CONTEXT_LENGTH_EXCEEDED, provider: "openai", providerStatus: 400 }),
      ),
    );
    expect(seen.findDetails(ErrorInfoSchema)[0]).toMatchObject({
      reason: "CONTEXT_LENGTH_EXCEEDED",
      domain: "switchyard.dev",
      metadata: { provider: "openai", status: "400" },
    });
    expect(reasonDetails({ reason: ErrorReason.BUDGET_EXHAUSTED, budgetId: "monthly" }).map((detail) => detailType(detail))).toEqual([
      ErrorDetailSchema.typeName,
    ]);
  });

  it("reads an older peer's ErrorInfo as the reason (Switchyard's own where the string is ambiguous)", async () => {
    const legacy = (reason: string) =>
      new ConnectError("old", Code.ResourceExhausted, undefined, [
        { desc: ErrorInfoSchema, value: create(ErrorInfoSchema, { reason, domain: "switchyard.dev", metadata: { model: "m" } }) },
      ]);
    expect(errorReasonOf(await seenByCaller(legacy("CONTEXT_LENGTH_EXCEEDED")))).toBe(ErrorReason.CONTEXT_LENGTH_EXCEEDED);
    expect(errorReasonOf(await seenByCaller(legacy("RATE_LIMITED")))).toBe(ErrorReason.RATE_LIMITED);
    expect(errorReasonOf(await seenByCaller(legacy("QUEUE_FULL")))).toBe(ErrorReason.QUEUE_FULL);
    expect(errorDetailOf(await seenByCaller(legacy("QUEUE_FULL")))?.model).toBe("m");
  });

  it("names no reason for an error without one, and ignores other domains", async () => {
    expect(errorReasonOf(new ConnectError("plain", Code.Internal))).toBe(ErrorReason.UNSPECIFIED);
    const foreign = new ConnectError("x", Code.Unavailable, undefined, [
      { desc: ErrorInfoSchema, value: create(ErrorInfoSchema, { reason: "QUEUE_FULL", domain: "example.com" }) },
    ]);
    expect(errorDetailOf(foreign)).toBeUndefined();
    expect(retryAfterMsOf(foreign)).toBeUndefined();
  });

  it("spells reasons in snake case", () => {
    expect(errorReasonName(ErrorReason.CONTEXT_LENGTH_EXCEEDED)).toBe("context_length_exceeded");
    expect(errorReasonName(ErrorReason.UNSPECIFIED)).toBe("unspecified");
  });
});

function detailType(detail: OutgoingDetail): string {
  return "desc" in detail ? detail.desc.typeName : "(raw detail)";
}
