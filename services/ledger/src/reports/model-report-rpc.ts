import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { ModelReportResponseSchema, RecommendationsResponseSchema } from "@switchyard/contracts/switchyard/v1/model_report_pb";
import type {
  ModelReportRequest,
  ModelReportResponse,
  RecommendationsRequest,
  RecommendationsResponse,
} from "@switchyard/contracts/switchyard/v1/model_report_pb";
import { principalOf, readableTenant } from "../rpc/ledger-auth.js";
import type { LedgerDeps } from "../rpc/ledger-deps.js";
import { timeRange } from "../rpc/time-range.js";
import { buildModelReport, reportPeriodMs } from "./model-report.js";
import { buildRecommendations } from "./recommendations.js";

/** Quality bar and evidence needed when the request sets none. */
const defaultMinQuality = 0.7;
const defaultMinObservations = 3;

/** ModelReport: each model's performance over a time range, from the events the ledger holds. */
export function modelReportRpc(deps: LedgerDeps, request: ModelReportRequest, context: HandlerContext): ModelReportResponse {
  const tenant = readableTenant(principalOf(context), request.tenant);
  const { startMs, endMs } = timeRange(request.start, request.end, deps.book.clock().now);
  const events = deps.index.select(tenant, startMs, endMs);
  const periodMs = reportPeriodMs(events, startMs, endMs);
  const rows = buildModelReport(events, { models: request.models, taskType: request.taskType || undefined, periodMs });
  return create(ModelReportResponseSchema, { rows, start: timestampFromMs(endMs - periodMs), end: timestampFromMs(endMs) });
}

/** Recommendations: per task type, the cheapest model that met the quality bar, with the evidence. */
export function recommendationsRpc(deps: LedgerDeps, request: RecommendationsRequest, context: HandlerContext): RecommendationsResponse {
  const minQuality = request.minQuality ?? defaultMinQuality;
  if (!(minQuality >= 0 && minQuality <= 1)) throw new ConnectError(`min_quality: must be in [0,1], got ${minQuality}`, Code.InvalidArgument);
  const tenant = readableTenant(principalOf(context), request.tenant);
  const { startMs, endMs } = timeRange(request.start, request.end, deps.book.clock().now);
  const events = deps.index.select(tenant, startMs, endMs);
  const bar = { minQuality, minObservations: request.minObservations || defaultMinObservations, periodMs: reportPeriodMs(events, startMs, endMs) };
  return create(RecommendationsResponseSchema, { recommendations: buildRecommendations(events, bar), minQuality });
}
