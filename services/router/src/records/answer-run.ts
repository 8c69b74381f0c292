import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RouteRun } from "../route-run.js";
import { startShadow } from "../shadow/shadow-run.js";
import type { StrategyResult } from "../strategy-result.js";
import { buildCompleteResponse } from "../strategy-result.js";
import { decisionRecord } from "./decision-record.js";
import { publishBehind } from "./record-publisher.js";

/**
 * The response of a run that answered, unary or streamed: built from the run, with its routing
 * decision recorded in the ledger behind it and, when the request's shadow_rate draws it, the
 * best model's shadow call started (the caller waits for neither).
 */
export function answerRun(run: RouteRun, result: StrategyResult, startedMs: number): CompleteResponse {
  const response = buildCompleteResponse(run, result, startedMs);
  publishBehind(run.deps.publishRecord, decisionRecord(response, run.caller, run.request.tags, Date.now()), run.deps.logger);
  void startShadow(run, response);
  return response;
}
