import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { reasonDetails } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import { failureSummary } from "./failure-summary.js";

describe("how a failed call reads on the attempt it left", () => {
  it("names the code and the contract's reason", () => {
    expect(failureSummary(new ConnectError("open", Code.Unavailable, undefined, reasonDetails({ reason: ErrorReason.CIRCUIT_OPEN })))).toBe(
      "failed with unavailable (circuit_open)",
    );
  });

  it("names the check an answer failed", () => {
    expect(
      failureSummary(new ConnectError("bad", Code.Unavailable, undefined, reasonDetails({ reason: ErrorReason.ANSWER_CHECK_FAILED, check: "json_schema" }))),
    ).toBe("failed the json_schema check");
  });

  it("names only the code when the error gives no reason", () => {
    expect(failureSummary(new ConnectError("down", Code.Unavailable))).toBe("failed with unavailable");
  });
});
