import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { reasonDetails } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import { reportError } from "./error-report.js";
import { exitCodes } from "./exit-codes.js";

const url = "http://127.0.0.1:50051";
const exhausted = (reason: ErrorReason, message: string) => new ConnectError(message, Code.ResourceExhausted, undefined, reasonDetails({ reason }));

describe("reporting a server's failure", () => {
  it("names the reason and stops a script on a budget", () => {
    expect(reportError(exhausted(ErrorReason.BUDGET_EXHAUSTED, 'budget "monthly" refused'), url)).toEqual({
      message: 'switchyard: RESOURCE_EXHAUSTED (budget_exhausted): budget "monthly" refused',
      exitCode: exitCodes.budget,
    });
  });

  it("tells a busy model (retry later) from a budget, though both are RESOURCE_EXHAUSTED", () => {
    for (const reason of [ErrorReason.RATE_LIMITED, ErrorReason.QUEUE_FULL, ErrorReason.PROVIDER_RATE_LIMITED]) {
      expect(reportError(exhausted(reason, "busy"), url).exitCode).toBe(exitCodes.unreachable);
    }
    expect(reportError(exhausted(ErrorReason.MAX_COST_EXCEEDED, "max_cost"), url).exitCode).toBe(exitCodes.budget);
  });

  it("keeps the code's meaning when no reason is given", () => {
    expect(reportError(new ConnectError("out of budget", Code.ResourceExhausted), url)).toEqual({
      message: "switchyard: RESOURCE_EXHAUSTED: out of budget",
      exitCode: exitCodes.budget,
    });
  });
});
